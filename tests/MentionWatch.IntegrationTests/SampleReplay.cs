using System.Text.Json.Nodes;

namespace MentionWatch.IntegrationTests;

/// <summary>Replay files made from the bundled sample, each mention with an id of its own.</summary>
public static class SampleReplay
{
    public static string Write(int count, string idPrefix)
    {
        var sample = File.ReadAllLines(Path.Combine(RepoPaths.Root, "deploy/sample/mentions.jsonl"))
            .Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var path = Path.Combine(Path.GetTempPath(), $"mw-{idPrefix}-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path, Enumerable.Range(0, count).Select(i =>
        {
            var mention = sample[i % sample.Count].DeepClone().AsObject();
            mention["id"] = $"{idPrefix}-{i}";
            return mention.ToJsonString();
        }));
        return path;
    }
}
