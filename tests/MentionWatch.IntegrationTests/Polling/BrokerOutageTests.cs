using System.Text.Json.Nodes;

namespace MentionWatch.IntegrationTests.Polling;

[Collection(ServersCollection.Name)]
public sealed class BrokerOutageTests(ServersFixture servers)
{
    [Fact]
    public async Task Poll_BrokerUnreachable_MentionsStoredThenSweptToClassificationOnce()
    {
        var sample = File.ReadLines(Path.Combine(ServersFixture.RepoRoot, "deploy/sample/mentions.jsonl")).Where(l => l.Length > 0).Take(40).ToList();
        var file = Path.Combine(Path.GetTempPath(), $"mw-outage-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(file, sample.Select((l, i) => { var m = JsonNode.Parse(l)!.AsObject(); m["id"] = $"outage-{i}"; return m.ToJsonString(); }));
        var database = await servers.CreateDatabaseAsync();

        // Port 1 on loopback: nothing listens, as when the broker is down.
        await using (var down = await Pipeline.StartAsync(servers, file, database, "amqp://guest:guest@127.0.0.1:1/", "--Polling:PublishTimeout=00:00:02"))
        {
            await down.WaitUntilAsync("select count(*) from mentions", n => n >= sample.Count);
            (await down.CountAsync("select count(*) from mentions where published_at is null")).ShouldBe(sample.Count);
            (await down.CountAsync("select count(*) from verdicts")).ShouldBe(0);
        }

        // The broker is back; the sweeper publishes what was stored but never published.
        await using var up = await Pipeline.StartAsync(servers, file, database, null, "--Polling:RepublishAfter=00:00:00", "--Polling:SweepInterval=00:00:01");
        await up.WaitUntilAsync("select count(*) from verdicts", n => n >= sample.Count);
        await up.WaitUntilAsync("select count(*) from mentions where published_at is null", n => n == 0);

        (await up.CountAsync("select count(*) from mentions")).ShouldBe(sample.Count);
        (await up.CountAsync("select count(*) from verdicts")).ShouldBe(sample.Count);
        (await up.CountAsync("select count(*) from (select mention_id, team from alerts group by 1, 2 having count(*) > 1) d")).ShouldBe(0);
    }
}
