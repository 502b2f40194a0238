using System.Text.Json.Nodes;

namespace MentionWatch.IntegrationTests;

/// <summary>Replay files made from the bundled sample, each mention with an id of its own.</summary>
public static class SampleReplay
{
    /// <param name="foiRequests">
    /// False leaves out the sample's FOI requests, whose cases raise reminder notices on a schedule of their own: for a
    /// test that must know every alert there will be once the mentions are classified.
    /// </param>
    public static string Write(int count, string idPrefix, bool foiRequests = true)
    {
        var sample = File.ReadAllLines(Path.Combine(RepoPaths.Root, "deploy/sample/mentions.jsonl"))
            .Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject())
            .Where(m => foiRequests || !m["expected"]!["labels"]!.AsArray().Any(l => l!.GetValue<string>() == "foi_request")).ToList();
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
