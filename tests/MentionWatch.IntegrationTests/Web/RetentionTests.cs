using MentionWatch.Alerts;
using MentionWatch.Alerts.Channels;
using MentionWatch.Mentions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MentionWatch.IntegrationTests.Web;

[Collection(ServersCollection.Name)]
public sealed class RetentionTests(ServersFixture servers)
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 2, 30, 0, TimeSpan.Zero);

    [Fact]
    // Legal hold, an alert not closed and an open FOI case keep an old mention; a closed FOI case does not.
    public async Task Run_OldMentions_DeletedUnlessHeldOrOpenAndCounted()
    {
        await using var app = await WebApp.StartAsync(servers);
        var old = Now.AddMonths(-13);
        var (expired, expiredAlerts) = await TestMentions.AddAsync(app, "old, closed", ["praise"], false, ["comms"], postedAt: old);
        var (held, _) = await TestMentions.AddAsync(app, "old, legal hold", ["staff_abuse"], false, [], postedAt: old, legalHold: true);
        var (open, _) = await TestMentions.AddAsync(app, "old, still open", ["complaint"], false, ["pals"], postedAt: old);
        var (recent, _) = await TestMentions.AddAsync(app, "recent", ["praise"], false, [], postedAt: Now.AddMonths(-11));
        var (foiOpen, _) = await TestMentions.AddAsync(app, "old FOI, case open", ["foi_request"], false, [], postedAt: old);
        var (foiClosed, _) = await TestMentions.AddAsync(app, "old FOI, case closed", ["foi_request"], false, [], postedAt: old);
        await Exec(app, "update alerts set state = 'closed' where id = @id", expiredAlerts[0]);
        const string foiCase = """
            insert into foi_cases (mention_id, received_at, received_on, clock_started_on, due_date, original_due_date, state, opened_by, opened_at, updated_at)
            values (@id, now(), current_date, current_date, current_date + 28, current_date + 28, '{0}', 'test', now(), now())
            """;
        await Exec(app, string.Format(System.Globalization.CultureInfo.InvariantCulture, foiCase, "clarification_requested"), foiOpen);
        await Exec(app, string.Format(System.Globalization.CultureInfo.InvariantCulture, foiCase, "closed"), foiClosed);

        var job = new RetentionJob(app.Database, new TestClock(Now), Options.Create(new RetentionOptions()), []);
        var result = await job.RunAsync(CancellationToken.None);

        var left = new List<long>();
        await using (var read = app.Database.CreateCommand("select id from mentions order by id"))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) left.Add(reader.GetInt64(0));
        }

        left.ShouldNotContain(expired);
        left.ShouldNotContain(foiClosed);
        left.ShouldContain(held);
        left.ShouldContain(open);
        left.ShouldContain(recent);
        left.ShouldContain(foiOpen);
        left.ShouldNotContain(foiClosed);
        result.Deleted.ShouldBe(2);
        result.Kept.ShouldBe(3);
        (await app.ScalarAsync("select count(*) from foi_cases where mention_id is null and state = 'closed'")).ShouldBe(1);
        (await app.ScalarAsync("select count(*) from alerts where mention_id = @id", ("id", expired))).ShouldBe(0);
        (await app.TextAsync("select detail from audit_log where action = 'retention.deleted'")).ShouldBe(
            $"deleted {result.Deleted} mentions posted before 2025-06-01; kept {result.Kept} on legal hold, with an FOI case running or an alert still open "
            + "(for at most 24 months); deleted 0 notices, 0 quarantined payloads older than 90 days and 0 FOI cases closed more than 3 years ago; "
            + "0 records of wrong passwords over a day old");
    }

    [Fact]
    // Every store of personal data has its period: an open alert keeps a post for 24 months, not for ever; notices,
    // quarantined payloads, closed FOI cases and the console channel's alert file are purged too.
    public async Task Run_EveryStoreOfPersonalData_PurgedPastItsPeriod()
    {
        await using var app = await WebApp.StartAsync(servers);
        var (openButAncient, _) = await TestMentions.AddAsync(app, "open alert, 25 months", ["complaint"], false, ["pals"], postedAt: Now.AddMonths(-25));
        var (openAndOld, _) = await TestMentions.AddAsync(app, "open alert, 13 months", ["complaint"], false, ["pals"], postedAt: Now.AddMonths(-13));
        var oldNotice = await TestMentions.AddNoticeAsync(app, "comms", "spike", "Spike: 'ward 7' x40", null);
        var newNotice = await TestMentions.AddNoticeAsync(app, "comms", "spike", "Spike: 'car park' x30", null);
        await Exec(app, $"update alerts set raised_at = '{Now.AddMonths(-13):O}' where id = @id", oldNotice);
        await Exec(app, $"update alerts set raised_at = '{Now.AddDays(-1):O}' where id = @id", newNotice);
        const string quarantine = "insert into quarantine (source_id, reason, payload, payload_length, payload_sha256, received_at) values ('x', 'bad json', '{{', 2, '', '{0:O}')";
        await Exec(app, string.Format(System.Globalization.CultureInfo.InvariantCulture, quarantine, Now.AddDays(-91)));
        await Exec(app, string.Format(System.Globalization.CultureInfo.InvariantCulture, quarantine, Now.AddDays(-89)));
        const string foiCase = """
            insert into foi_cases (received_at, received_on, clock_started_on, due_date, original_due_date, state, opened_by, opened_at, updated_at)
            values (now(), current_date, current_date, current_date + 28, current_date + 28, '{0}', 'test', now(), '{1:O}')
            """;
        await Exec(app, string.Format(System.Globalization.CultureInfo.InvariantCulture, foiCase, "closed", Now.AddYears(-3).AddDays(-1)));
        await Exec(app, string.Format(System.Globalization.CultureInfo.InvariantCulture, foiCase, "withdrawn", Now.AddYears(-2)));
        await Exec(app, string.Format(System.Globalization.CultureInfo.InvariantCulture, foiCase, "open", Now.AddYears(-4)));
        await app.AddUserAsync("lee", MentionWatch.Web.Accounts.Roles.Comms);
        const string failures = "insert into sign_in_failures select id, '{0}', 5, '{1:O}', {2} from users where username = 'lee'";
        await Exec(app, string.Format(System.Globalization.CultureInfo.InvariantCulture, failures, "203.0.113.1", Now.AddDays(-2), "null"));
        await Exec(app, string.Format(System.Globalization.CultureInfo.InvariantCulture, failures, "203.0.113.2", Now.AddHours(-2), "null"));
        await Exec(app, string.Format(System.Globalization.CultureInfo.InvariantCulture, failures, "203.0.113.3", Now.AddDays(-2), $"'{Now.AddHours(1):O}'"));
        var clock = new TestClock(Now.AddMonths(-13));
        var alertsFile = Path.Combine(Path.GetTempPath(), $"mw-retention-{Guid.NewGuid():N}.jsonl");
        using var console = new ConsoleAlertChannel(Options.Create(new ConsoleChannelOptions { JsonlPath = alertsFile }), clock, TextWriter.Null);
        var message = new AlertMessage { AlertId = 1, Team = "comms", Labels = ["complaint"], Urgent = false, Headline = "Complaint", Link = "https://example/" };
        await console.SendAsync(message, new ChannelTarget { Kind = "console" }, "old", CancellationToken.None);
        clock.JumpTo(Now.AddMonths(-1));
        await console.SendAsync(message, new ChannelTarget { Kind = "console" }, "recent", CancellationToken.None);

        try
        {
            var result = await new RetentionJob(app.Database, new TestClock(Now), Options.Create(new RetentionOptions()), [console]).RunAsync(CancellationToken.None);

            (await app.ScalarAsync("select count(*) from mentions where id = @id", ("id", openButAncient))).ShouldBe(0);
            (await app.ScalarAsync("select count(*) from mentions where id = @id", ("id", openAndOld))).ShouldBe(1);
            (await app.ScalarAsync("select count(*) from alerts where id = @id", ("id", oldNotice))).ShouldBe(0);
            (await app.ScalarAsync("select count(*) from alerts where id = @id", ("id", newNotice))).ShouldBe(1);
            (await app.ScalarAsync("select count(*) from quarantine")).ShouldBe(1);
            (await app.TextAsync("select string_agg(state, ',' order by state) from foi_cases")).ShouldBe("open,withdrawn");
            (result.Deleted, result.Kept, result.Notices, result.Quarantined, result.FoiCases, result.FileEntries, result.SignInFailures).ShouldBe((1, 1, 1, 1, 1, 1, 1));
            (await app.TextAsync("select string_agg(client, ',' order by client) from sign_in_failures")).ShouldBe("203.0.113.2,203.0.113.3", "recent, or still locking");
            File.ReadAllLines(alertsFile).ShouldHaveSingleItem().ShouldContain("\"idempotencyKey\":\"recent\"");
            (await console.CheckAsync("recent", new ChannelTarget { Kind = "console" }, CancellationToken.None)).ShouldBe(DeliveryCheck.Sent);
            (await app.TextAsync("select detail from audit_log where action = 'retention.deleted' and entity_type = 'file'"))
                .ShouldBe($"deleted 1 entries written before 2025-06-01 from the console channel's alert file {alertsFile}");
        }
        finally
        {
            File.Delete(alertsFile);
        }
    }

    [Fact]
    public async Task Host_RegistersRetentionWithTwelveMonthDefault()
    {
        await using var app = await WebApp.StartAsync(servers);

        app.Services.GetRequiredService<IOptions<RetentionOptions>>().Value.KeepMonths.ShouldBe(12);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetService<RetentionJob>().ShouldNotBeNull();
    }

    private static async Task Exec(WebApp app, string sql, long? id = null)
    {
        await using var command = app.Database.CreateCommand(sql);
        if (id is not null) command.Parameters.AddWithValue("id", id.Value);
        await command.ExecuteNonQueryAsync();
    }
}
