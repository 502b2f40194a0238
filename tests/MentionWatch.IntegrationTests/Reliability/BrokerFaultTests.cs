namespace MentionWatch.IntegrationTests.Reliability;

[Collection(FaultsCollection.Name)]
public sealed class BrokerFaultTests(FaultServersFixture servers)
{
    [Fact]
    public async Task RabbitMqStoppedMidRun_Restarted_NothingLostNothingDoubled()
    {
        const int count = 5000;
        var file = SampleReplay.Write(count, "broker-fault");
        await using var pipeline = await Pipeline.StartAsync(servers, file, null, null, Outcome.FaultArgs);
        // Mid-run: classifying, and the poller (one page of 500 a second) still has pages to store.
        await pipeline.WaitUntilAsync("select count(*) from verdicts", n => n >= 200);
        await pipeline.WaitUntilAsync("select count(*) from mentions", n => n >= 1000);
        (await pipeline.CountAsync("select count(*) from mentions")).ShouldBeLessThan(count);

        await servers.StopRabbitMqAsync();
        await pipeline.WaitUntilReadyAsync(false);
        // Store first: polls go on storing while the broker is down, and leave the mentions unpublished.
        var storedBefore = await pipeline.CountAsync("select count(*) from mentions");
        await pipeline.WaitUntilAsync("select count(*) from mentions", n => n >= Math.Min(count, storedBefore + 500));
        (await pipeline.CountAsync("select count(*) from mentions where published_at is null")).ShouldBeGreaterThan(0);
        (await pipeline.CountAsync("select count(*) from verdicts")).ShouldBeLessThan(count);

        await servers.StartRabbitMqAsync();
        await Outcome.ShouldBeCompleteAsync(pipeline.Database, count);
    }
}
