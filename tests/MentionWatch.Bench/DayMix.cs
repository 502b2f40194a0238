using System.Text.Json.Nodes;
using MentionWatch.Sources;

namespace MentionWatch.Bench;

/// <summary>
/// A day of posts as a trust sees it: six in ten are posts of their own (a sample post with words of its own, by an
/// author of its own), four in ten copy one of the last few hundred of those — a share ("RT @author: …"), the same
/// words pasted by someone else with a link, or an edited copy ("Please share." and a hashtag). Deterministic: mention
/// i is the same in every run, so runs compare; mixes with different tags share no words.
/// </summary>
internal sealed class DayMix(IReadOnlyList<FetchedMention> sample, string tag)
{
    private const int CopyOfLast = 300;

    /// <summary>How many of <paramref name="count"/> mentions are posts of their own (the rest are copies).</summary>
    public static int Originals(int count) => Enumerable.Range(0, count).Count(IsOriginal);

    public FetchedMention Mention(int i, string id)
    {
        var (n, author, text) = Original(IsOriginal(i) ? OriginalNumber(i) : CopiedNumber(i));
        if (!IsOriginal(i))
        {
            (author, text) = (i % 3) switch
            {
                0 => ($"sharer{i}", $"RT @{author}: {text}"),
                1 => ($"paster{i}", $"{text} https://t.co/b{i}"),
                _ => ($"editor{i}", $"Please share. {text} #NHS"),
            };
        }

        var payload = JsonNode.Parse(sample[n % sample.Count].RawPayload)!.AsObject();
        payload["id"] = id;
        payload["text"] = text;
        payload["author"]!["handle"] = author;
        return sample[n % sample.Count] with { ExternalId = id, Text = text, AuthorHandle = author, RawPayload = payload.ToJsonString() };
    }

    private static bool IsOriginal(int i) => i % 10 < 6 || i < 10;

    /// <summary>The number of the original post mention i is (counting originals from 0).</summary>
    private static int OriginalNumber(int i) => i / 10 * 6 + i % 10;

    /// <summary>An original among the last <see cref="CopyOfLast"/> before mention i, spread by a fixed hash.</summary>
    private static int CopiedNumber(int i)
    {
        var before = i / 10 * 6 + 6;
        var back = (int)((uint)(i * 2654435761) % (uint)Math.Min(CopyOfLast, before));
        return before - 1 - back;
    }

    /// <summary>Original n: a sample post's words with words of its own, by an author of its own.</summary>
    private (int N, string Author, string Text) Original(int n)
    {
        var m = sample[n % sample.Count];
        var own = string.Join(' ', Enumerable.Range(0, 8).Select(k => $"#{tag}{n}w{k}"));
        return (n, $"{m.AuthorHandle}_{tag}{n}", $"{m.Text} {own}");
    }
}
