namespace MentionWatch.IntegrationTests.Polling;

[Collection(ServersCollection.Name)]
public sealed class ScaleOutTests(ServersFixture servers)
{
    [Fact]
    public async Task TwoClusteredInstances_OneDatabase_EachMentionClassifiedOnceAndOneAlertPerTeam()
    {
        const int count = 2000;
        var file = SampleReplay.Write(count, "cluster");
        var database = await servers.CreateDatabaseAsync();
        var queues = $"--Messaging:QueuePrefix=c{Guid.NewGuid():N}"[..30];

        // Both instances share the Quartz job store (clustered) and the queues, as two replicas would.
        await using var first = await Pipeline.StartAsync(servers, file, database, null, "--Quartz:Clustered=true", queues);
        await using var second = await Pipeline.StartAsync(servers, file, database, null, "--Quartz:Clustered=true", queues);
        await first.WaitUntilAsync("select count(*) from verdicts", n => n >= count);
        var alerts = await first.CountAsync("select count(*) from alerts");
        await first.WaitUntilAsync("select count(*) from deliveries where status = 'sent'", n => n >= alerts);

        (await first.CountAsync("select count(*) from mentions")).ShouldBe(count);
        (await first.CountAsync("select count(*) from verdicts")).ShouldBe(count);
        (await first.CountAsync(Pipeline.DuplicateAlertsSql)).ShouldBe(0);
        (await first.CountAsync("select count(*) from deliveries")).ShouldBe(alerts);
        (await first.CountAsync("select count(distinct instance_name) from qrtz_scheduler_state")).ShouldBe(2);
    }
}
