using System.Globalization;
using System.Text.Json.Nodes;

namespace MentionWatch.IntegrationTests.Alerts;

/// <summary>Replay files of chosen sample mentions, posted at a chosen instant, each with an id and words of its own.</summary>
internal static class TimingReplay
{
    /// <summary>The bundled sample's urgent distress post ("tonight's the night").</summary>
    public const string UrgentDistress = "sample-0009";

    /// <summary>The bundled sample's complaint about an unsafe discharge.</summary>
    public const string Complaint = "sample-0005";

    public static string Write(string idPrefix, DateTimeOffset postedAt, params string[] sampleIds)
    {
        var sample = File.ReadAllLines(Path.Combine(RepoPaths.Root, "deploy/sample/mentions.jsonl"))
            .Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject())
            .ToDictionary(m => (string)m["id"]!);
        var path = Path.Combine(Path.GetTempPath(), $"mw-{idPrefix}-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path, sampleIds.Select((id, i) =>
        {
            var mention = sample[id].DeepClone().AsObject();
            mention["id"] = $"{idPrefix}-{i}";
            // A post of its own, not a repeat of the one before (which would join its story and raise no alert).
            if (i > 0) mention["text"] = $"{mention["text"]} {SampleReplay.OwnWords($"{idPrefix}{i}")}";
            mention["postedAt"] = postedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            return mention.ToJsonString();
        }));
        return path;
    }

    /// <summary>The console channel's JSONL lines, parsed.</summary>
    public static List<JsonObject> Sent(Pipeline pipeline) =>
        File.Exists(pipeline.AlertsFile)
            ? File.ReadAllLines(pipeline.AlertsFile).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList()
            : [];
}
