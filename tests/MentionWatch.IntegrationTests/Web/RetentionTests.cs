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

        var job = new RetentionJob(app.Database, new TestClock(Now), Options.Create(new RetentionOptions()));
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
        (await app.TextAsync("select detail from audit_log where action = 'retention.deleted'"))
            .ShouldBe($"deleted {result.Deleted} mentions posted before 2025-06-01; kept {result.Kept} on legal hold or with an open case");
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
