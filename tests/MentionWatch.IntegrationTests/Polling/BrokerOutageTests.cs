namespace MentionWatch.IntegrationTests.Polling;

[Collection(ServersCollection.Name)]
public sealed class BrokerOutageTests(ServersFixture servers)
{
    [Fact]
    public async Task Poll_BrokerUnreachable_MentionsStoredThenSweptToClassificationOnce()
    {
        const int count = 40;
        var file = SampleReplay.Write(count, "outage");
        var database = await servers.CreateDatabaseAsync();

        // Port 1 on loopback: nothing listens, as when the broker is down.
        await using (var down = await Pipeline.StartAsync(servers, file, database, "amqp://guest:guest@127.0.0.1:1/", "--Polling:PublishTimeout=00:00:02"))
        {
            await down.WaitUntilAsync("select count(*) from mentions", n => n >= count);
            (await down.CountAsync("select count(*) from mentions where published_at is null")).ShouldBe(count);
            (await down.CountAsync("select count(*) from verdicts")).ShouldBe(0);
        }

        // The broker is back; the sweeper publishes what was stored but never published.
        await using var up = await Pipeline.StartAsync(servers, file, database, null, "--Polling:RepublishAfter=00:00:00", "--Polling:SweepInterval=00:00:01");
        await up.WaitUntilAsync("select count(*) from verdicts", n => n >= count);
        await up.WaitUntilAsync("select count(*) from mentions where published_at is null", n => n == 0);

        (await up.CountAsync("select count(*) from mentions")).ShouldBe(count);
        (await up.CountAsync("select count(*) from verdicts")).ShouldBe(count);
        (await up.CountAsync(Pipeline.DuplicateAlertsSql)).ShouldBe(0);
    }
}
