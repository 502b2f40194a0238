using System.Net;
using MentionWatch.Alerts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MentionWatch.IntegrationTests.Alerts;

/// <summary>Office hours, digests, escalation and acknowledgement end to end, on a test clock the whole host runs on.</summary>
[Collection(ServersCollection.Name)]
public sealed class AlertTimingTests(ServersFixture servers)
{
    private const string SigningKey = "integration-test-signing-key-0123456789";

    private static string[] Settings(params string[] more) =>
    [
        "--Alerts:TimingJobInterval=00:00:01",
        // These tests choose sample posts by the labels the rules give them; the learned model is tested elsewhere.
        "--Triage:Model:Enabled=false",
        "--Alerts:EscalateAfter=00:15:00",
        "--Alerts:EscalationContacts:0=duty-manager",
        // Configured teams replace the defaults: the two that urgent distress reaches, PALS, and the escalation contact.
        "--Routing:Teams:spa:AllowExcerpt=false",
        "--Routing:Teams:oncall:AllowExcerpt=false",
        "--Routing:Teams:pals:AllowExcerpt=false",
        "--Routing:Teams:duty-manager:Channels:0:Kind=console",
        $"--Alerts:AcknowledgeSigningKey={SigningKey}",
        .. more,
    ];

    [Fact]
    public async Task UrgentDistress_SundayTwoAm_ReachesSpaAndOnCallAtOnceAndEscalatesUntilAcknowledged()
    {
        // Sunday 22 November 2026, 02:00 in London (GMT).
        var clock = new TestClock(running: true, start: new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero));
        var file = TimingReplay.Write("urgent", clock.GetUtcNow(), TimingReplay.UrgentDistress);
        await using var pipeline = await Pipeline.StartWithClockAsync(servers, file, clock, Settings());

        const string sentToTeams = "select count(*) from deliveries d join alerts a on a.id = d.alert_id where a.kind = 'mention' and a.team in ('spa', 'oncall') and d.status = 'sent' and d.idempotency_key not like '%-r%'";
        await pipeline.WaitUntilAsync(sentToTeams, n => n == 2);
        (await pipeline.CountAsync("select count(*) from alerts where kind = 'mention' and urgent and delivery_plan = 'now' and due_at = raised_at + interval '15 minutes'")).ShouldBe(2);
        (await pipeline.CountAsync("select count(*) from audit_log where action = 'alert.escalated'")).ShouldBe(0);
        var first = TimingReplay.Sent(pipeline).Select(l => l["alert"]!).Where(a => (string)a["team"]! == "spa").ShouldHaveSingleItem();
        string.Join(" ", first["instructions"]!.AsArray().Select(i => (string)i!)).ShouldContain("999");
        var acknowledgeLink = new Uri((string)first["acknowledgeLink"]!);

        // Fifteen minutes on, nobody has acknowledged: re-sent to both teams and escalated to the duty manager.
        clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        await pipeline.WaitUntilAsync("select count(*) from deliveries where idempotency_key like '%-r1' and status = 'sent'", n => n == 2);
        // One escalation notice per alert: each team's alert escalates on its own.
        await pipeline.WaitUntilAsync("select count(*) from deliveries d join alerts a on a.id = d.alert_id where a.kind = 'escalation' and a.team = 'duty-manager' and d.status = 'sent'", n => n == 2);
        (await pipeline.CountAsync("select count(*) from audit_log where action = 'alert.escalated'")).ShouldBe(2);
        (await pipeline.CountAsync("select count(*) from alerts where kind = 'escalation'")).ShouldBe(2);

        // Both teams' 15-minute targets were missed: each team's lead (by default the team itself) is told.
        await pipeline.WaitUntilAsync("select count(*) from alerts where kind = 'sla_breach' and team in ('spa', 'oncall')", n => n == 2);

        // The link's GET only asks (mail scanners fetch links); the POST acknowledges.
        using var http = Http(pipeline);
        var page = await http.GetAsync(acknowledgeLink.PathAndQuery);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("<form method=\"post\">");
        (await pipeline.CountAsync("select count(*) from alerts where acknowledged_at is not null")).ShouldBe(0);
        var query = System.Web.HttpUtility.ParseQueryString(acknowledgeLink.Query);
        var posted = await http.PostAsync(acknowledgeLink.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["expires"] = query["expires"]!, ["signature"] = query["signature"]!, ["name"] = "Sam Duty",
        }));
        (await posted.Content.ReadAsStringAsync()).ShouldContain("is acknowledged");
        (await pipeline.CountAsync("select count(*) from alerts where team = 'spa' and acknowledged_by = 'Sam Duty (signed link)'")).ShouldBe(1);
        (await pipeline.CountAsync("select count(*) from audit_log where action = 'alert.acknowledged'")).ShouldBe(1);

        // SPA acknowledged its alert: another fifteen minutes brings no further step for it, but on-call's alert about
        // the same post, which nobody on call has seen, escalates on.
        clock.Advance(TimeSpan.FromMinutes(15));
        // Both were due in the same pass of the job (it takes every due alert at once): only on-call's stepped.
        await pipeline.WaitUntilAsync("select count(*) from alerts where kind = 'mention' and team = 'oncall' and escalation_level = 2", n => n == 1);
        (await pipeline.CountAsync("select count(*) from alerts where kind = 'mention' and team = 'spa' and escalation_level = 1")).ShouldBe(1);

        // The duty manager acknowledges on-call's latest escalation notice: that stops it too.
        var notice = await pipeline.CountAsync("select a.id from alerts a where a.kind = 'escalation' and a.subject = 'escalation:alert:' || (select id from alerts where team = 'oncall' and kind = 'mention') || ':2'");
        (await pipeline.Services.GetRequiredService<AlertAcknowledgement>().AcknowledgeAsync(notice, "Dee Duty", "web page", CancellationToken.None)).Acknowledged.ShouldBeTrue();
        clock.Advance(TimeSpan.FromMinutes(15));
        (await RunEscalationAsync(pipeline)).ShouldBe(0);
        (await pipeline.CountAsync("select max(escalation_level) from alerts")).ShouldBe(2);

        // SPA acknowledged, but after its target: the figures count a breach.
        var figures = await pipeline.Services.GetRequiredService<SlaFigures>().ForTeamsAsync(clock.GetUtcNow().AddDays(-1), clock.GetUtcNow(), CancellationToken.None);
        var spa = figures.Single(f => f.Team == "spa");
        (spa.Alerts, spa.Acknowledged, spa.AcknowledgedInTime, spa.Breached).ShouldBe((1, 1, 0, 1));
    }

    [Theory]
    // Friday 20 November 2026, 19:00 GMT: held for PALS's Monday 08:00 digest.
    [InlineData("2026-11-20T19:00:00Z", "2026-11-23T07:59:00Z", "2026-11-23T08:00:00Z")]
    // Friday 28 August 2026, 19:00 BST, before the August bank holiday: Tuesday 08:00 BST, not Monday's.
    [InlineData("2026-08-28T18:00:00Z", "2026-08-31T07:00:00Z", "2026-09-01T07:00:00Z")]
    public async Task Complaint_FridayEvening_ArrivesInPalsNextWorkingDayDigestOnce(string postedAt, string notYet, string opening)
    {
        var clock = new TestClock(running: true, start: DateTimeOffset.Parse(postedAt, System.Globalization.CultureInfo.InvariantCulture));
        var file = TimingReplay.Write("digest", clock.GetUtcNow(), TimingReplay.Complaint);
        await using var pipeline = await Pipeline.StartWithClockAsync(servers, file, clock, Settings());

        await pipeline.WaitUntilAsync("select count(*) from audit_log where action = 'alert.held'", n => n == 1);
        (await pipeline.CountAsync("select count(*) from alerts where team = 'pals' and delivery_plan = 'digest'")).ShouldBe(1);
        (await pipeline.CountAsync("select count(*) from deliveries")).ShouldBe(0);

        // The last minute before the team's office opens: still held.
        clock.JumpTo(DateTimeOffset.Parse(notYet, System.Globalization.CultureInfo.InvariantCulture));
        (await RunDigestAsync(pipeline)).ShouldBe(0);

        clock.JumpTo(DateTimeOffset.Parse(opening, System.Globalization.CultureInfo.InvariantCulture));
        await pipeline.WaitUntilAsync("select count(*) from deliveries d join alerts a on a.id = d.alert_id where a.kind = 'digest' and a.team = 'pals' and d.status = 'sent'", n => n == 1);
        var mentionId = await pipeline.CountAsync("select mention_id from alerts where team = 'pals' and kind = 'mention'");
        var digest = TimingReplay.Sent(pipeline).Select(l => l["alert"]!).ShouldHaveSingleItem();
        ((string)digest["headline"]!).ShouldStartWith("Digest for pals: 1 alert");
        string.Join("\n", digest["reasons"]!.AsArray().Select(r => (string)r!)).ShouldContain($"/mentions/{mentionId}");

        // Run again, twice at once (two instances): nothing more is sent.
        var again = await Task.WhenAll(RunDigestAsync(pipeline), RunDigestAsync(pipeline));
        again.Sum().ShouldBe(0);
        (await pipeline.CountAsync("select count(*) from alerts where kind = 'digest'")).ShouldBe(1);
        (await pipeline.CountAsync("select count(*) from alerts where kind = 'mention' and digest_alert_id is null")).ShouldBe(0);
    }

    [Fact]
    public async Task Praise_FridayEvening_BothMode_SentAtOnceAndListedInMondaysDigest()
    {
        var clock = new TestClock(running: true, start: new DateTimeOffset(2026, 11, 20, 19, 0, 0, TimeSpan.Zero));
        var file = TimingReplay.Write("both", clock.GetUtcNow(), "sample-0001");
        await using var pipeline = await Pipeline.StartWithClockAsync(servers, file, clock, Settings("--Routing:Teams:comms:Delivery=Both"));

        await pipeline.WaitUntilAsync("select count(*) from deliveries d join alerts a on a.id = d.alert_id where a.team = 'comms' and a.kind = 'mention' and d.status = 'sent'", n => n == 1);
        (await pipeline.CountAsync("select count(*) from alerts where team = 'comms' and delivery_plan = 'both' and digest_at = '2026-11-23T08:00:00Z'")).ShouldBe(1);

        clock.JumpTo(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        await pipeline.WaitUntilAsync("select count(*) from deliveries d join alerts a on a.id = d.alert_id where a.kind = 'digest' and a.team = 'comms' and d.status = 'sent'", n => n == 1);
        ((string)TimingReplay.Sent(pipeline).Last()["alert"]!["headline"]!).ShouldStartWith("Digest for comms: 1 alert");
    }

    [Fact]
    public async Task DigestJob_TwoInstancesAtOnce_EveryHeldAlertInExactlyOneDigest()
    {
        var clock = new TestClock(running: true, start: new DateTimeOffset(2026, 11, 20, 19, 0, 0, TimeSpan.Zero));
        var file = TimingReplay.Write("many", clock.GetUtcNow(), Enumerable.Repeat(TimingReplay.Complaint, 40).ToArray());
        // Forty complaints in an hour are also a spike; its notice to comms would join the digests, so spikes are off here.
        await using var pipeline = await Pipeline.StartWithClockAsync(servers, file, clock, "--Alerts:TimingJobInterval=01:00:00", "--Alerts:Spikes:Enabled=false");
        await pipeline.WaitUntilAsync("select count(*) from alerts where delivery_plan = 'digest'", n => n == 40);

        clock.JumpTo(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var created = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RunDigestAsync(pipeline)));

        // The scheduled run may join in too (the jump makes its trigger fall due); that is a fifth instance.
        created.Sum().ShouldBeGreaterThanOrEqualTo(1);
        (await pipeline.CountAsync("select count(*) from alerts where kind = 'mention' and digest_alert_id is null")).ShouldBe(0);
        var digests = await pipeline.CountAsync("select count(*) from alerts where kind = 'digest'");
        await pipeline.WaitUntilAsync("select count(*) from deliveries where status = 'sent'", n => n == digests);
        var listed = TimingReplay.Sent(pipeline).SelectMany(l => l["alert"]!["reasons"]!.AsArray().Select(r => (string)r!)).ToList();
        listed.Count.ShouldBe(40);
        listed.Distinct().Count().ShouldBe(40);
    }

    [Fact]
    public async Task FailingChannel_AfterItsAttempts_FallsBackToTheNextChannelAndStaysVisible()
    {
        // Monday 23 November 2026, 10:00: office hours, so the complaint goes at once.
        var clock = new TestClock(running: true, start: new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        var file = TimingReplay.Write("fallback", clock.GetUtcNow(), TimingReplay.Complaint);
        await using var pipeline = await Pipeline.StartWithClockAsync(servers, file, clock,
            "--Alerts:AttemptsBeforeFallback=2",
            "--Alerts:Http:MaxAttempts=1",
            "--Routing:Teams:pals:Channels:0:Kind=webhook",
            "--Routing:Teams:pals:Channels:0:Address=http://127.0.0.1:1/hook",
            "--Routing:Teams:pals:Channels:0:Secret=webhook-secret",
            "--Routing:Teams:pals:Channels:1:Kind=console",
            "--Routing:Teams:pals:Channels:1:Fallback=true");

        await pipeline.WaitUntilAsync("select count(*) from deliveries where channel = 'console' and status = 'sent'", n => n == 1);
        (await pipeline.CountAsync("select count(*) from deliveries where channel = 'webhook' and status = 'abandoned' and attempts = 2 and last_error is not null")).ShouldBe(1);
        (await pipeline.CountAsync("select count(*) from audit_log where action = 'delivery.abandoned' and detail like 'webhook gave up after 2 attempts%falling back to console'")).ShouldBe(1);
        TimingReplay.Sent(pipeline).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task UrgentDistress_NeverAcknowledged_EscalatesDownTheListThenRepeatsTheLast()
    {
        var clock = new TestClock(running: true, start: new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero));
        var file = TimingReplay.Write("ladder", clock.GetUtcNow(), TimingReplay.UrgentDistress);
        await using var pipeline = await Pipeline.StartWithClockAsync(servers, file, clock, Settings(
            "--Alerts:EscalationContacts:1=director",
            "--Routing:Teams:director:Channels:0:Kind=console"));
        await pipeline.WaitUntilAsync("select count(*) from deliveries where status = 'sent'", n => n == 2);

        for (var step = 1; step <= 3; step++)
        {
            clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
            await pipeline.WaitUntilAsync($"select count(*) from deliveries where idempotency_key like '%-r{step}' and status = 'sent'", n => n == 2);
        }

        // SPA's and on-call's alerts each climb the ladder: the duty manager at step 1, the director at 2 and 3.
        await pipeline.WaitUntilAsync("select count(*) from alerts where kind = 'escalation'", n => n == 6);
        (await pipeline.CountAsync("select count(*) from alerts where kind = 'escalation' and team = 'duty-manager' and subject like '%:1'")).ShouldBe(2);
        (await pipeline.CountAsync("select count(*) from alerts where kind = 'escalation' and team = 'director' and (subject like '%:2' or subject like '%:3')")).ShouldBe(4);
        (await pipeline.CountAsync("select count(*) from audit_log where action = 'alert.escalated'")).ShouldBe(6);
    }

    [Fact]
    public async Task Complaints_PastPalsThreeWorkingDays_BreachToldToLeadAndCounted()
    {
        // Monday 23 November 2026, 10:00: two complaints; PALS must acknowledge by Thursday 17:00.
        var clock = new TestClock(running: true, start: new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        var file = TimingReplay.Write("sla", clock.GetUtcNow(), TimingReplay.Complaint, TimingReplay.Complaint);
        await using var pipeline = await Pipeline.StartWithClockAsync(servers, file, clock, Settings(
            "--Routing:Teams:pals:Lead=pals-lead",
            "--Routing:Teams:pals-lead:Channels:0:Kind=console",
            // The lead hears at once: Thursday 17:00 is after closing, when a digest team would wait for Friday.
            "--Routing:Teams:pals-lead:Delivery=Immediate"));
        await pipeline.WaitUntilAsync("select count(*) from deliveries where status = 'sent'", n => n == 2);
        (await pipeline.CountAsync("select count(*) from alerts where due_at = '2026-11-26T17:00:00Z'")).ShouldBe(2);
        var first = await pipeline.CountAsync("select min(id) from alerts");
        (await pipeline.Services.GetRequiredService<AlertAcknowledgement>().AcknowledgeAsync(first, "pat.pals", "web", CancellationToken.None)).Acknowledged.ShouldBeTrue();

        clock.JumpTo(new DateTimeOffset(2026, 11, 26, 17, 0, 1, TimeSpan.Zero));
        await pipeline.WaitUntilAsync("select count(*) from deliveries d join alerts a on a.id = d.alert_id where a.kind = 'sla_breach' and a.team = 'pals-lead' and d.status = 'sent'", n => n == 1);

        (await pipeline.CountAsync($"select count(*) from alerts where sla_breached_at is not null and id <> {first}")).ShouldBe(1);
        var pals = (await pipeline.Services.GetRequiredService<SlaFigures>().ForTeamsAsync(
            new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero), CancellationToken.None)).ShouldHaveSingleItem();
        pals.ShouldBe(new TeamSlaFigures("pals", Alerts: 2, Acknowledged: 1, AcknowledgedInTime: 1, Breached: 1, OpenPastTarget: 1));
    }

    [Fact]
    public async Task AcknowledgeLink_TamperedOrUsedTwice_RefusedOrReportsTheFirst()
    {
        var clock = new TestClock(running: true, start: new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        var file = TimingReplay.Write("link", clock.GetUtcNow(), TimingReplay.Complaint);
        await using var pipeline = await Pipeline.StartWithClockAsync(servers, file, clock, Settings());
        await pipeline.WaitUntilAsync("select count(*) from deliveries where status = 'sent'", n => n == 1);
        var link = new Uri((string)TimingReplay.Sent(pipeline).ShouldHaveSingleItem()["alert"]!["acknowledgeLink"]!);
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        using var http = Http(pipeline);
        FormUrlEncodedContent Form(string expires) => new(new Dictionary<string, string> { ["expires"] = expires, ["signature"] = query["signature"]!, ["name"] = "Pat" });

        // A later expiry than was signed.
        (await http.PostAsync(link.AbsolutePath, Form("9999999999"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await http.GetAsync(link.PathAndQuery.Replace("signature=", "signature=0", StringComparison.Ordinal))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await pipeline.CountAsync("select count(*) from alerts where acknowledged_at is not null")).ShouldBe(0);

        (await (await http.PostAsync(link.AbsolutePath, Form(query["expires"]!))).Content.ReadAsStringAsync()).ShouldContain("is acknowledged");
        (await (await http.PostAsync(link.AbsolutePath, Form(query["expires"]!))).Content.ReadAsStringAsync()).ShouldContain("already acknowledged by Pat (signed link)");
        (await pipeline.CountAsync("select count(*) from audit_log where action = 'alert.acknowledged'")).ShouldBe(1);

        // Three days on, the link has expired.
        clock.Advance(TimeSpan.FromDays(3));
        (await http.GetAsync(link.PathAndQuery)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    /// <summary>A client for the host's own web endpoints (it listens on a free port).</summary>
    private static HttpClient Http(Pipeline pipeline) =>
        new() { BaseAddress = new Uri(pipeline.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

    private static async Task<int> RunEscalationAsync(Pipeline pipeline)
    {
        await using var scope = pipeline.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<EscalationJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
    }

    private static async Task<int> RunDigestAsync(Pipeline pipeline)
    {
        await using var scope = pipeline.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<DigestJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
    }
}
