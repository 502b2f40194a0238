using MentionWatch.IntegrationTests.Reliability;

namespace MentionWatch.IntegrationTests.Polling;

[Collection(ServersCollection.Name)]
public sealed class ScaleOutTests(ServersFixture servers)
{
    /// <summary>Pairs of polls of one source whose intervals overlap: always zero when no source is polled concurrently.</summary>
    public const string OverlappingPollsSql =
        """
        select count(*) from poll_runs a join poll_runs b
          on a.source_id = b.source_id and a.id < b.id and a.started_at < b.finished_at and b.started_at < a.finished_at
        """;

    [Fact]
    public async Task TwoClusteredInstances_FifteenHundredMentions_EachClassifiedOnceOneAlertPerTeamNoConcurrentPoll()
    {
        const int count = 1500;
        var file = SampleReplay.Write(count, "cluster");
        var database = await servers.CreateDatabaseAsync();
        await using var queues = servers.NewQueues("c");

        // Both instances share the Quartz job store (clustered) and the queues, as two replicas would. One page per
        // poll makes the ingest last several triggers, so both instances get the chance to poll the same source.
        string[] args = ["--Quartz:Clustered=true", "--Polling:MaxPagesPerPoll=1", queues.Argument];
        await using var first = await Pipeline.StartAsync(servers, file, database, null, args);
        await using var second = await Pipeline.StartAsync(servers, file, database, null, args);
        // Every mention once, every alert once and sent once, read from one snapshot once the pair has settled.
        await Outcome.ShouldBeCompleteAsync(first.Database, count);
        (await first.CountAsync("select count(distinct instance_name) from qrtz_scheduler_state")).ShouldBe(2);
        // Three pages of 500 took at least three polls; no two of them ran at the same time.
        (await first.CountAsync("select count(*) from poll_runs where stored > 0")).ShouldBeGreaterThanOrEqualTo(count / 500);
        (await first.CountAsync(OverlappingPollsSql)).ShouldBe(0);
    }
}
