using MentionWatch.Alerts;
using Microsoft.Extensions.DependencyInjection;

namespace MentionWatch.IntegrationTests.Stories;

/// <summary>
/// A story's "shared N more times" updates on a test clock: none in the first hour after its alert, at most one an
/// hour per team after that, counting only the copies since the last, none once the team's alert is acknowledged,
/// and none when nothing new was shared. They are delivered, but are not items of their own in the inbox.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class StoryUpdateTests(ServersFixture servers)
{
    private const string Complaint = "Waited nine hours in A&E at Riverbend with my dad last night and nobody offered him water once. Disgraceful @RiverbendNHS";
    private const string Updates = "select count(*) from alerts where kind = 'story_update'";

    [Fact]
    public async Task StoryUpdates_AtMostOneAnHourPerTeam_OnlyWhileTheAlertIsOpen_CountingOnlyNewCopies()
    {
        // Tuesday 24 November 2026, 10:00 in London: office hours all through, so nothing waits for a digest.
        var clock = new TestClock(running: true, start: new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        var posts = new List<(string Author, string Text, string? SharedId)> { ("pat", Complaint, null) };
        posts.AddRange(Shares(0, 3));
        var file = StoryTests.Write(posts);
        await using var pipeline = await Pipeline.StartWithClockAsync(servers, file, clock, "--Triage:Model:Enabled=false", "--Alerts:TimingJobInterval=00:00:01");
        await pipeline.WaitUntilAsync("select count(*) from verdicts", n => n == 4);
        var pat = await StoryTests.IdOf(pipeline, "pat");
        var teams = await pipeline.CountAsync($"select count(*) from alerts where mention_id = {pat}");
        teams.ShouldBeGreaterThan(0);
        (await pipeline.CountAsync($"select count(*) from mentions where story_id = {pat}")).ShouldBe(3);

        // Within the hour of the alert: nothing, however often the job runs.
        (await RunAsync(pipeline)).ShouldBe(0);
        (await pipeline.CountAsync(Updates)).ShouldBe(0);

        // An hour on: one update per team, counting the three shares.
        clock.Advance(TimeSpan.FromMinutes(61));
        await RunAsync(pipeline);
        (await pipeline.CountAsync(Updates)).ShouldBe(teams);
        (await pipeline.CountAsync($"{Updates} and story_copies = 3 and headline like 'Story shared 3 more times (3 in all)%' and subject like 'story:{pat}:update:1'")).ShouldBe(teams);

        // Two more shares half an hour later: nothing until an hour after the last update, then only those two.
        File.AppendAllLines(file, StoryTests.Lines([.. Shares(3, 2)], posts.Count));
        await pipeline.WaitUntilAsync("select count(*) from verdicts", n => n == 6);
        clock.Advance(TimeSpan.FromMinutes(30));
        (await RunAsync(pipeline)).ShouldBe(0);
        (await pipeline.CountAsync(Updates)).ShouldBe(teams);
        clock.Advance(TimeSpan.FromMinutes(31));
        await RunAsync(pipeline);
        (await pipeline.CountAsync(Updates)).ShouldBe(2 * teams);
        (await pipeline.CountAsync($"{Updates} and story_copies = 5 and headline like 'Story shared 2 more times (5 in all)%'")).ShouldBe(teams);

        // An hour on with nothing new shared: no update.
        clock.Advance(TimeSpan.FromMinutes(61));
        (await RunAsync(pipeline)).ShouldBe(0);

        // One team acknowledges its alert: it hears no more; the others still do.
        await using (var acknowledge = pipeline.Database.CreateCommand(
            $"update alerts set state = 'acknowledged', acknowledged_at = now(), acknowledged_by = 'comms.officer' where id = (select min(id) from alerts where mention_id = {pat})"))
        {
            await acknowledge.ExecuteNonQueryAsync();
        }

        File.AppendAllLines(file, StoryTests.Lines([.. Shares(5, 1)], posts.Count + 2));
        await pipeline.WaitUntilAsync("select count(*) from verdicts", n => n == 7);
        clock.Advance(TimeSpan.FromMinutes(61));
        await RunAsync(pipeline);
        (await pipeline.CountAsync(Updates)).ShouldBe(3 * teams - 1);
        (await pipeline.CountAsync($"{Updates} and headline like 'Story shared 1 more time (6 in all)%'")).ShouldBe(teams - 1);

        // Delivered like any notice, each once; listed on the story's row, not as rows of their own.
        await pipeline.WaitUntilAsync($"select count(*) from deliveries d join alerts a on a.id = d.alert_id where a.kind = 'story_update' and d.status = 'sent'", n => n == 3 * teams - 1);
        (await pipeline.CountAsync("select count(*) from (select d.alert_id from deliveries d join alerts a on a.id = d.alert_id where a.kind = 'story_update' group by 1, d.channel having count(*) > 1) d")).ShouldBe(0);
        await using var scope = pipeline.Services.CreateAsyncScope();
        var rows = await MentionWatch.Web.InboxQuery.ListAsync(scope.ServiceProvider.GetRequiredService<MentionWatch.Persistence.MentionWatchDb>(),
            new MentionWatch.Web.Accounts.Visibility(true, [], true), new MentionWatch.Web.InboxFilter(), MentionWatch.Time.TrustTime.Uk, CancellationToken.None);
        rows.ShouldNotContain(r => r.Kind == AlertKinds.StoryUpdate);
        rows.Where(r => r.MentionId == pat).ShouldAllBe(r => r.Copies == 6);
    }

    private static IEnumerable<(string Author, string Text, string? SharedId)> Shares(int first, int count) =>
        Enumerable.Range(first, count).Select(i => ($"reader{i}", $"RT @pat: {Complaint}", (string?)null));

    /// <summary>One run of the job at the test clock's time (the service's own runs, each second, may raise the same updates first).</summary>
    private static async Task<int> RunAsync(Pipeline pipeline)
    {
        await using var scope = pipeline.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<StoryUpdateJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
    }
}
