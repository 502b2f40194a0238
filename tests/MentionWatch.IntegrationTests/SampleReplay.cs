using System.Text.Json.Nodes;

namespace MentionWatch.IntegrationTests;

/// <summary>Replay files made from the bundled sample, each mention with an id and words of its own.</summary>
public static class SampleReplay
{
    /// <param name="foiRequests">
    /// False leaves out the sample's FOI requests, whose cases raise reminder notices on a schedule of their own: for a
    /// test that must know every alert there will be once the mentions are classified.
    /// </param>
    public static string Write(int count, string idPrefix, bool foiRequests = true)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mw-{idPrefix}-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path, Lines(0, count, idPrefix, foiRequests));
        return path;
    }

    /// <summary>
    /// Adds mentions <paramref name="from"/> to <paramref name="from"/> + <paramref name="count"/> - 1 to a file made by
    /// <see cref="Write"/>: a platform's new posts, which the next poll finds. The file is replaced whole (written
    /// beside it, then renamed over it), so a poll never reads half a line.
    /// </summary>
    public static void Append(string path, int from, int count, string idPrefix)
    {
        var next = path + ".next";
        File.WriteAllLines(next, [.. File.ReadLines(path), .. Lines(from, count, idPrefix, foiRequests: true)]);
        File.Move(next, path, overwrite: true);
    }

    private static IEnumerable<string> Lines(int from, int count, string idPrefix, bool foiRequests)
    {
        var sample = File.ReadAllLines(Path.Combine(RepoPaths.Root, "deploy/sample/mentions.jsonl"))
            .Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject())
            .Where(m => foiRequests || !m["expected"]!["labels"]!.AsArray().Any(l => l!.GetValue<string>() == "foi_request")).ToList();
        return Enumerable.Range(from, count).Select(i =>
        {
            var mention = sample[i % sample.Count].DeepClone().AsObject();
            mention["id"] = $"{idPrefix}-{i}";
            // Each pass over the sample posts new words: the same author posting the same or nearly the same words
            // again would join the first post's story and raise no alert (Stories/StoryRules), and these tests count alerts.
            if (i >= sample.Count) mention["text"] = $"{mention["text"]} {OwnWords($"pass{i / sample.Count}")}";
            return mention.ToJsonString();
        });
    }

    /// <summary>
    /// Words no other post has, too many to be a near copy's few changed words (Stories/CopyKey.MaxNewWords): a post
    /// made from a sample one with these is a post of its own.
    /// </summary>
    public static string OwnWords(string tag) => string.Join(' ', Enumerable.Range(0, 8).Select(k => $"#{tag}w{k}"));
}
