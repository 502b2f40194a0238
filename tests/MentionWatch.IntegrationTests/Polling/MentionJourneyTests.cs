using System.Text.Json.Nodes;
using MentionWatch.IntegrationTests.Reliability;
using MentionWatch.Mentions;

namespace MentionWatch.IntegrationTests.Polling;

[Collection(ServersCollection.Name)]
public sealed class MentionJourneyTests(ServersFixture servers)
{
    [Fact]
    public async Task Replay_ThousandMentions_EachStoredClassifiedAlertedAndDeliveredOnce()
    {
        const int expected = 1000;
        var file = SampleReplay.Write(expected, "journey");
        await using var pipeline = await Pipeline.StartAsync(servers, file);

        var settled = await Outcome.ShouldBeCompleteAsync(pipeline.Database, expected);
        await Outcome.ChannelReceivedEverySentDeliveryAsync(pipeline.Database, pipeline.AlertsFile, settled);
    }

    [Fact]
    public async Task Replay_SameFileAgain_StoresNothingNew()
    {
        const int expected = 200;
        var file = SampleReplay.Write(expected, "again");
        await using var pipeline = await Pipeline.StartAsync(servers, file);
        await pipeline.WaitUntilAsync("select count(*) from verdicts", n => n >= expected);

        // The same mentions again, appended: a platform re-sending what it sent before.
        File.AppendAllLines(file, File.ReadAllLines(file));
        await pipeline.WaitUntilAsync("select coalesce(max(cursor::bigint), 0) from sources", n => n >= expected * 2);

        (await pipeline.CountAsync("select count(*) from mentions")).ShouldBe(expected);
        (await pipeline.CountAsync("select count(*) from verdicts")).ShouldBe(expected);
        (await pipeline.CountAsync(Pipeline.DuplicateAlertsSql)).ShouldBe(0);
    }

    [Fact]
    public async Task Replay_MalformedLines_QuarantinedWithReasonAndTheRestProcessed()
    {
        const int expected = 20;
        var file = SampleReplay.Write(expected, "malformed");
        var good = JsonNode.Parse(File.ReadLines(file).First())!.AsObject();
        var noText = good.DeepClone().AsObject();
        noText.Remove("text");
        noText["id"] = "no-text";
        var huge = good.DeepClone().AsObject();
        huge["id"] = "huge";
        huge["text"] = new string('a', 2 * 1024 * 1024);
        File.AppendAllLines(file, ["{\"id\": \"broken\", \"text\": ", noText.ToJsonString(), huge.ToJsonString()]);
        // A well-formed line after the bad ones proves the source keeps going.
        var last = good.DeepClone().AsObject();
        last["id"] = "after-the-bad-ones";
        File.AppendAllLines(file, [last.ToJsonString()]);

        await using var pipeline = await Pipeline.StartAsync(servers, file);
        await pipeline.WaitUntilAsync("select count(*) from verdicts", n => n >= expected + 2);
        await pipeline.WaitUntilAsync("select count(*) from quarantine", n => n >= 3);

        (await pipeline.CountAsync("select count(*) from quarantine where reason like '%not valid JSON%'")).ShouldBe(1);
        (await pipeline.CountAsync("select count(*) from quarantine where reason like '%no text%'")).ShouldBe(1);
        // Too long to keep whole is never too long to read: quarantined for the record, and classified on its first part.
        (await pipeline.CountAsync("select count(*) from quarantine where reason like '%characters long%stored and classified on its first%'")).ShouldBe(1);
        (await pipeline.CountAsync($"select count(*) from mentions m join verdicts v on v.mention_id = m.id where external_id = 'huge' and length(text) = {MentionStore.MaxTextLength}")).ShouldBe(1);
        (await pipeline.CountAsync("select count(*) from mentions where external_id = 'after-the-bad-ones'")).ShouldBe(1);
        (await pipeline.CountAsync("select count(*) from sources where last_error is null")).ShouldBe(1);
    }
}
