using System.Globalization;
using System.Net;
using MentionWatch.Web.Accounts;

namespace MentionWatch.IntegrationTests.Web;

[Collection(ServersCollection.Name)]
public sealed class MentionPageTests(ServersFixture servers)
{
    [Fact]
    public async Task Mention_PostContainingScript_RendersAsTextAndViewIsAudited()
    {
        await using var app = await WebApp.StartAsync(servers);
        const string hostile = "<script>alert('x')</script><img src=x onerror=alert(1)> the ward was filthy";
        var (mentionId, _) = await TestMentions.AddAsync(app, hostile, ["complaint"], urgent: false, ["pals"], author: "<b>bold</b>");
        var client = await app.SignedInAsync("pat", Roles.Pals);

        var page = await client.GetStringAsync($"/mentions/{mentionId}");
        var inbox = await client.GetStringAsync("/inbox");

        foreach (var html in new[] { page, inbox })
        {
            html.ShouldNotContain("<script>alert");
            html.ShouldNotContain("<img src=x");
            html.ShouldNotContain("<b>bold</b>");
            html.ShouldContain("&lt;script&gt;alert(");
        }

        (await app.ScalarAsync("select count(*) from audit_log where action = 'mention.viewed' and actor = 'pat' and entity_id = @id",
            ("id", mentionId.ToString(CultureInfo.InvariantCulture)))).ShouldBe(1);
    }

    [Fact]
    public async Task Mention_ShowsPostEvidenceVerdictAndDeliveries()
    {
        await using var app = await WebApp.StartAsync(servers);
        var (mentionId, alerts) = await TestMentions.AddAsync(app, "Please tell me how many beds you have", ["foi_request"], urgent: false, ["foi"], author: "asker");
        await using (var delivery = app.Database.CreateCommand(
            "insert into deliveries (alert_id, channel, idempotency_key, status, attempts, created_at) values (@a, 'email', 'k1', 'sent', 1, @now)"))
        {
            delivery.Parameters.AddWithValue("now", app.Clock.Now);
            delivery.Parameters.AddWithValue("a", alerts[0]);
            await delivery.ExecuteNonQueryAsync();
        }

        var client = await app.SignedInAsync("fran", Roles.Foi);

        var page = await client.GetStringAsync($"/mentions/{mentionId}");

        page.ShouldContain("Please tell me how many beds you have");
        page.ShouldContain("https://x.com/asker/status/1");
        page.ShouldContain("abc123");
        page.ShouldContain("rule:test");
        page.ShouldContain("classifier test-1");
        page.ShouldContain("<td>email</td><td>sent</td>");
        page.ShouldContain("No public reply until the action is agreed");
    }

    [Fact]
    public async Task Mention_StoryWithACampaign_ShowsReachAndEachPersonWhoPostedTheWordsOnce()
    {
        await using var app = await WebApp.StartAsync(servers);
        const string complaint = "Nine hours in A&E with my dad and nobody offered him water once. Disgraceful";
        var (root, _) = await TestMentions.AddAsync(app, complaint, ["complaint"], urgent: false, ["pals"], author: "pat");
        foreach (var (author, kind) in new[] { ("camp1", "copy"), ("camp1", "similar"), ("camp2", "copy"), ("fan", "share") })
        {
            await using var copy = app.Database.CreateCommand(
                """
                insert into mentions (source_id, platform, external_id, author_handle, text, posted_at, first_seen_at, raw_payload, raw_sha256, story_id, copy_kind)
                values ('test', 'x', gen_random_uuid()::text, @author, @text, @now, @now, '{}', 'abc', @root, @kind)
                """);
            copy.Parameters.AddWithValue("author", author);
            copy.Parameters.AddWithValue("text", complaint);
            copy.Parameters.AddWithValue("now", app.Clock.Now);
            copy.Parameters.AddWithValue("root", root);
            copy.Parameters.AddWithValue("kind", kind);
            await copy.ExecuteNonQueryAsync();
        }

        var client = await app.SignedInAsync("pat.pals", Roles.Pals);
        var page = await client.GetStringAsync($"/mentions/{root}");

        page.ShouldContain("Shared or posted again: 4 times");
        page.ShouldContain("By 3 accounts");
        page.ShouldContain("Campaign: 2 other people posted these words themselves");
    }

    [Fact]
    public async Task Acknowledge_OpenUrgentAlert_RecordsWhoAndWhenOnce()
    {
        await using var app = await WebApp.StartAsync(servers);
        var (mentionId, alerts) = await TestMentions.AddAsync(app, "I want to end it", ["distress"], urgent: true, ["spa"]);
        var client = await app.SignedInAsync("sam", Roles.Spa);
        var page = $"/mentions/{mentionId}";
        var fields = new Dictionary<string, string> { ["alertId"] = alerts[0].ToString(CultureInfo.InvariantCulture) };

        var first = await WebApp.PostFormAsync(client, page, $"{page}?handler=Acknowledge", new(fields));
        var second = await WebApp.PostFormAsync(client, page, $"{page}?handler=Acknowledge", new(fields));

        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        second.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.TextAsync("select state || ' by ' || acknowledged_by from alerts where id = @id", ("id", alerts[0]))).ShouldBe("acknowledged by sam");
        (await app.ScalarAsync("select count(*) from alerts where id = @id and acknowledged_at is not null", ("id", alerts[0]))).ShouldBe(1);
        (await app.ScalarAsync("select count(*) from audit_log where action = 'alert.acknowledged'")).ShouldBe(1);
    }

    [Theory]
    // Agreeing the action lifts the "no public reply" hold and records who agreed.
    [InlineData("Agree", "", "select (not hold_public_reply and action_agreed_by = 'cal')::int from alerts where id = @id", "alert.action_agreed")]
    // Assigning names the person.
    [InlineData("Assign", "Jo Bloggs", "select (assigned_to = 'Jo Bloggs')::int from alerts where id = @id", "alert.assigned")]
    // Closing an alert nobody acknowledged counts the closer as having acknowledged it.
    [InlineData("Close", "", "select (state = 'closed' and closed_by = 'cal' and acknowledged_by = 'cal')::int from alerts where id = @id", "alert.closed")]
    public async Task AlertAction_OnVisibleAlert_ChangesAlertAndAudits(string handler, string assignee, string check, string auditAction)
    {
        await using var app = await WebApp.StartAsync(servers);
        var (mentionId, alerts) = await TestMentions.AddAsync(app, "The Daily Echo here, can you comment?", ["media_enquiry"], urgent: false, ["press"]);
        var client = await app.SignedInAsync("cal", Roles.Comms);
        var page = $"/mentions/{mentionId}";
        var fields = new Dictionary<string, string> { ["alertId"] = alerts[0].ToString(CultureInfo.InvariantCulture) };
        if (assignee.Length > 0) fields["assignee"] = assignee;

        var response = await WebApp.PostFormAsync(client, page, $"{page}?handler={handler}", fields);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.ScalarAsync(check, ("id", alerts[0]))).ShouldBe(1);
        (await app.ScalarAsync("select count(*) from audit_log where action = @a and actor = 'cal'", ("a", auditAction))).ShouldBe(1);
        (await client.GetStringAsync(page)).ShouldContain(auditAction);
    }

    [Fact]
    public async Task AlertAction_OnAlertOfAnotherTeam_NotFoundAndUnchanged()
    {
        await using var app = await WebApp.StartAsync(servers);
        var (mentionId, alerts) = await TestMentions.AddAsync(app, "complaint and distress", ["complaint", "distress"], urgent: false, ["pals", "spa"]);
        var client = await app.SignedInAsync("pat", Roles.Pals);
        var page = $"/mentions/{mentionId}";

        var response = await WebApp.PostFormAsync(client, page, $"{page}?handler=Close",
            new() { ["alertId"] = alerts[1].ToString(CultureInfo.InvariantCulture) });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.TextAsync("select state from alerts where id = @id", ("id", alerts[1]))).ShouldBe("open");
    }

    [Theory]
    [InlineData("Acknowledge")]
    [InlineData("Agree")]
    [InlineData("Assign")]
    [InlineData("Close")]
    public async Task AlertAction_CommsOnSpasUrgentDistressAlert_SeenButRefusedAndEscalationGoesOn(string handler)
    {
        await using var app = await WebApp.StartAsync(servers);
        var (mentionId, alerts) = await TestMentions.AddAsync(app, "I have kept my tablets back", ["distress"], urgent: true, ["spa"]);
        var comms = await app.SignedInAsync("cal", Roles.Comms);
        var page = $"/mentions/{mentionId}";
        var fields = new Dictionary<string, string> { ["alertId"] = alerts[0].ToString(CultureInfo.InvariantCulture), ["assignee"] = "Cal" };

        // Comms sees the alert (it may be first to see the post), with no buttons to act on it.
        var shown = await comms.GetStringAsync(page);
        shown.ShouldContain("Only the spa team (or an admin) can act on this alert.");
        shown.ShouldNotContain("Acknowledge (spa)");
        var response = await WebApp.PostFormAsync(comms, page, $"{page}?handler={handler}", fields);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Only the spa team (or an admin) can act on this alert.");
        (await app.TextAsync("select state || ' ' || (acknowledged_at is null) || ' ' || hold_public_reply || ' ' || coalesce(assigned_to, '-') from alerts where id = @id", ("id", alerts[0])))
            .ShouldBe("open true true -");
        (await app.ScalarAsync("select count(*) from audit_log where entity_type = 'alert'")).ShouldBe(0);

        // Its own team, and an admin (audited by name), can.
        var spa = await app.SignedInAsync("sam", Roles.Spa);
        (await WebApp.PostFormAsync(spa, page, $"{page}?handler={handler}", fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var admin = await app.SignedInAsync("ada", Roles.Admin);
        (await WebApp.PostFormAsync(admin, page, $"{page}?handler=Assign", new(fields) { ["assignee"] = "Ada" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.ScalarAsync("select count(*) from audit_log where action = 'alert.assigned' and actor = 'ada'")).ShouldBe(1);
    }

    [Fact]
    public async Task Note_ReadByTheTeamsWhoseAlertsItsWriterSaw_NotByEveryTeam()
    {
        await using var app = await WebApp.StartAsync(servers);
        // One post, two teams: a complaint for PALS and praise for comms.
        var (mentionId, _) = await TestMentions.AddAsync(app, "ward 7 ignored my mum, but the porter was kind", ["complaint", "praise"], urgent: false, ["pals", "comms"]);
        var pals = await app.SignedInAsync("pat", Roles.Pals);
        var comms = await app.SignedInAsync("cal", Roles.Comms);
        var page = $"/mentions/{mentionId}";

        (await WebApp.PostFormAsync(pals, page, $"{page}?handler=Note", new() { ["body"] = "Family PALS case opened" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await WebApp.PostFormAsync(comms, page, $"{page}?handler=Note", new() { ["body"] = "Thanked the porter" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var palsView = await pals.GetStringAsync(page);
        var commsView = await comms.GetStringAsync(page);
        var adminView = await (await app.SignedInAsync("ada", Roles.Admin)).GetStringAsync(page);
        palsView.ShouldContain("Family PALS case opened");
        palsView.ShouldNotContain("Thanked the porter");
        commsView.ShouldContain("Thanked the porter");
        commsView.ShouldNotContain("PALS case opened");
        adminView.ShouldContain("PALS case opened");
        adminView.ShouldContain("Thanked the porter");
        (await app.TextAsync("select string_agg(array_to_string(teams, ','), ' / ' order by id) from mention_notes")).ShouldBe("pals / comms");
    }

    [Fact]
    public async Task NoteAndReclassify_KeepMachineVerdictAndAddHumanOne()
    {
        await using var app = await WebApp.StartAsync(servers);
        var (mentionId, _) = await TestMentions.AddAsync(app, "the nurses were wonderful", ["complaint"], urgent: false, ["pals"]);
        var client = await app.SignedInAsync("pat", Roles.Pals);
        var page = $"/mentions/{mentionId}";

        var note = await WebApp.PostFormAsync(client, page, $"{page}?handler=Note", new() { ["body"] = "Rang the ward <i>manager</i>" });
        var reclassify = await WebApp.PostFormAsync(client, page, $"{page}?handler=Reclassify",
            new() { ["labels"] = "praise", ["reason"] = "this is thanks, not a complaint" });

        note.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        reclassify.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.ScalarAsync("select count(*) from verdicts where mention_id = @id and decided_by is null", ("id", mentionId))).ShouldBe(1);
        (await app.TextAsync("select array_to_string(labels, ',') || '/' || decided_by from verdicts where mention_id = @id and decided_by is not null",
            ("id", mentionId))).ShouldBe("praise/pat");
        var html = await client.GetStringAsync(page);
        html.ShouldContain("Rang the ward &lt;i&gt;manager&lt;/i&gt;");
        html.ShouldContain("this is thanks, not a complaint");
        html.ShouldContain("mention.reclassified");

        // The correction becomes training data for the next model, in the corpus format.
        var exported = new StringWriter();
        (await MentionWatch.Triage.Model.CorrectionsExport.WriteAsync(app.Database, exported, CancellationToken.None)).ShouldBe(1);
        var line = System.Text.Json.Nodes.JsonNode.Parse(exported.ToString())!;
        line["id"]!.GetValue<string>().ShouldBe($"correction-{mentionId}");
        line["text"]!.GetValue<string>().ShouldBe("the nurses were wonderful");
        line["writer"]!.GetValue<string>().ShouldBe("staff-corrections");
        line["expected"]!["labels"]!.AsArray().Select(l => l!.GetValue<string>()).ShouldBe(["praise"]);
        line["expected"]!["why"]!.GetValue<string>().ShouldBe("reclassified by staff: this is thanks, not a complaint");
    }

    [Theory]
    // Comms keeps evidence of attacks on staff.
    [InlineData(Roles.Comms, HttpStatusCode.Redirect, true)]
    // Other teams cannot change how long evidence is kept.
    [InlineData(Roles.Spa, HttpStatusCode.Redirect, false)]
    public async Task LegalHold_ByRole_SetOnlyByCommsOrAdmin(string role, HttpStatusCode status, bool held)
    {
        await using var app = await WebApp.StartAsync(servers);
        var (mentionId, _) = await TestMentions.AddAsync(app, "the nurse on ward 5 is a disgrace, I know where she lives", ["staff_abuse", "distress"], urgent: true, ["comms", "spa"]);
        var client = await app.SignedInAsync("someone", role);
        var page = $"/mentions/{mentionId}";

        var response = await WebApp.PostFormAsync(client, page, $"{page}?handler=LegalHold", new() { ["hold"] = "true" });

        response.StatusCode.ShouldBe(status);
        (await app.ScalarAsync("select legal_hold::int from mentions where id = @id", ("id", mentionId))).ShouldBe(held ? 1 : 0);
        (await app.ScalarAsync("select count(*) from audit_log where action = 'mention.legal_hold_set'")).ShouldBe(held ? 1 : 0);
    }

    [Fact]
    public async Task Inbox_Filters_UrgentFirstAndCountsPerState()
    {
        await using var app = await WebApp.StartAsync(servers);
        await TestMentions.AddAsync(app, "older complaint", ["complaint"], urgent: false, ["pals"], postedAt: app.Clock.Now.AddDays(-3));
        var (_, crisis) = await TestMentions.AddAsync(app, "urgent crisis post", ["distress"], urgent: true, ["spa"], postedAt: app.Clock.Now.AddDays(-2));
        await app.ScalarAsync("update alerts set escalation_level = 4 where id = @id returning 1", ("id", crisis[0]));
        await TestMentions.AddAsync(app, "newest praise post", ["praise"], urgent: false, ["comms"], platform: "facebook");
        var (_, closed) = await TestMentions.AddAsync(app, "closed praise post", ["praise"], urgent: false, ["comms"]);
        await app.ScalarAsync("update alerts set state = 'closed' where id = @id returning 1", ("id", closed[0]));
        var client = await app.SignedInAsync("ada", Roles.Admin);

        var all = await client.GetStringAsync("/inbox");
        var praise = await client.GetStringAsync("/inbox?label=praise&state=open");
        var facebook = await client.GetStringAsync("/inbox?platform=facebook");
        var lastTwoDays = await client.GetStringAsync($"/inbox?from={app.Clock.Now.AddDays(-1):yyyy-MM-dd}");

        all.IndexOf("urgent crisis post", StringComparison.Ordinal).ShouldBeLessThan(all.IndexOf("newest praise post", StringComparison.Ordinal));
        all.IndexOf("newest praise post", StringComparison.Ordinal).ShouldBeLessThan(all.IndexOf("older complaint", StringComparison.Ordinal));
        all.ShouldContain("<span class=\"tag tag-open\">open</span> 3");
        all.ShouldContain("<span class=\"tag tag-closed\">closed</span> 1");
        // An urgent alert still climbing the escalation ladder says so.
        all.ShouldContain("Escalated 4× — not yet acknowledged");
        praise.ShouldContain("newest praise post");
        praise.ShouldNotContain("closed praise post");
        praise.ShouldNotContain("older complaint");
        facebook.ShouldContain("newest praise post");
        facebook.ShouldNotContain("urgent crisis post");
        lastTwoDays.ShouldNotContain("older complaint");
        lastTwoDays.ShouldContain("newest praise post");
    }
}
