using System.Text.Json.Nodes;
using MentionWatch.Polling;
using Microsoft.Extensions.DependencyInjection;

namespace MentionWatch.IntegrationTests.Alerts;

[Collection(ServersCollection.Name)]
public sealed class ReclassificationTests(ServersFixture servers)
{
    [Fact]
    public async Task PersonReclassifiesNoiseAsUrgentDistress_SpaAndOnCallAlertedOnce()
    {
        // A post the rules see as noise (the learned model is off here: it would not miss this one), which a comms
        // officer recognises as someone in crisis.
        var line = JsonNode.Parse(File.ReadLines(Path.Combine(RepoPaths.Root, "deploy/sample/mentions.jsonl")).First())!.AsObject();
        line["id"] = "reclassified-1";
        line["text"] = "off to the coast one last time. thanks for the memories everyone";
        var file = Path.Combine(Path.GetTempPath(), $"mw-reclassify-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(file, line.ToJsonString() + "\n");
        await using var pipeline = await Pipeline.StartAsync(servers, file, null, null, "--Triage:Model:Enabled=false");
        await pipeline.WaitUntilAsync("select count(*) from verdicts", n => n >= 1);
        (await pipeline.CountAsync("select count(*) from alerts where team in ('spa', 'oncall')")).ShouldBe(0);

        var id = await pipeline.CountAsync("select id from mentions");
        await using (var command = pipeline.Database.CreateCommand(
            "insert into verdicts (mention_id, classifier_version, labels, urgent, reasons, decided_by, created_at) values (@id, 'human', '{distress}', true, '{\"a farewell\"}', 'comms.officer', now())"))
        {
            command.Parameters.AddWithValue("id", id);
            await command.ExecuteNonQueryAsync();
        }

        await using (var scope = pipeline.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MentionPublisher>().RepublishAsync(id, CancellationToken.None);
        }

        await pipeline.WaitUntilAsync("select count(*) from alerts where team in ('spa', 'oncall') and urgent", n => n >= 2);
        await pipeline.WaitUntilAsync("select count(*) from mentions where published_at is not null", n => n == 1);
        (await pipeline.CountAsync("select count(*) from alerts where team = 'spa' and 'distress' = any(labels)")).ShouldBe(1);
        (await pipeline.CountAsync(Pipeline.DuplicateAlertsSql)).ShouldBe(0);
        (await pipeline.CountAsync("select count(*) from verdicts where decided_by is null")).ShouldBe(1);
    }
}
