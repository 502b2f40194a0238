using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MentionWatch.Stories;

/// <summary>
/// What makes two posts copies of each other: the same words once the parts that change between copies are gone —
/// a leading "RT @someone:", links, @handles, case, punctuation, emoji and spacing (<see cref="Key"/>, exact); or
/// nearly the same words (<see cref="Copies"/>: an edited, cut-short or lightly reworded copy), found by
/// <see cref="Bands"/>. A post is a share when it begins with "RT @someone:" (X's retweet text);
/// <see cref="SharedHandle"/> is then whose post it shares. Posts of fewer than <see cref="MinWords"/> words are never
/// copies: "thank you @trust" from two people is not one story.
/// </summary>
public sealed partial record CopyKey(string? Key, string? SharedHandle, IReadOnlyList<string> Words, long[] Bands)
{
    public const int MinWords = 4;

    /// <summary>
    /// The most words a later post may add to an earlier one's and still be its copy: at most a fifth of its words, and
    /// at most six (about a sentence of its own). Chosen on tests/data/copies/pairs-a.jsonl; measured on pairs-b.jsonl,
    /// written by someone else (see the README's figures).
    /// </summary>
    public const double MaxNewShare = 0.2;

    /// <inheritdoc cref="MaxNewShare"/>
    public const int MaxNewWords = 6;

    public bool IsShare => SharedHandle is not null;

    public static CopyKey Of(string text)
    {
        string? shared = null;
        var rest = text.AsSpan().TrimStart();
        // "RT @a: RT @b: words": the post shared is @b's (the innermost).
        while (Retweet().Match(rest.ToString()) is { Success: true } rt)
        {
            shared = rt.Groups["handle"].Value;
            rest = rest[rt.Length..].TrimStart();
        }

        var words = WordsOf(Handles().Replace(Links().Replace(rest.ToString(), " "), " "));
        if (words.Count < MinWords) return new CopyKey(null, shared, words, []);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(' ', words)));
        return new CopyKey(Convert.ToHexStringLower(digest.AsSpan(0, 16)), shared, words, WordBands.Of(words));
    }

    /// <summary>
    /// Whether this post copies <paramref name="earlier"/>: it has <see cref="MinWords"/> words or more, and adds few
    /// words of its own (<see cref="MaxNewShare"/>, <see cref="MaxNewWords"/>). Cutting words out keeps it a copy (a
    /// truncated share); adding a sentence makes it a post of its own (a quote with an opinion, a complaint with the
    /// sender's own story, a request asking something else).
    /// </summary>
    public bool Copies(CopyKey earlier)
    {
        if (Words.Count < MinWords) return false;
        var theirs = earlier.WordSet;
        var added = Words.Count(w => !theirs.Contains(w));
        return added <= MaxNewWords && added <= MaxNewShare * Words.Count;
    }

    /// <summary>Whether the two share a band: the cheap test the database makes before <see cref="Copies"/>.</summary>
    public bool MayCopy(CopyKey other) => Bands.Length > 0 && other.Bands.Any(BandSet.Contains);

    // Built once per post: a batch compares each of its posts with hundreds of candidates.
    private HashSet<string>? _wordSet;
    private HashSet<long>? _bandSet;

    private HashSet<string> WordSet => _wordSet ??= Words.ToHashSet(StringComparer.Ordinal);

    private HashSet<long> BandSet => _bandSet ??= [.. Bands];

    /// <summary>
    /// Letters, digits and the marks that belong to them (Gujarati, Arabic vowel signs) in lower case, split at
    /// everything else (so "#A&amp;E" and "a&amp;e" are the same words).
    /// </summary>
    private static List<string> WordsOf(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                word.Append(char.ToLower(c, CultureInfo.InvariantCulture));
                continue;
            }

            if (word.Length > 0) words.Add(word.ToString());
            word.Clear();
        }

        if (word.Length > 0) words.Add(word.ToString());
        return words;
    }

    [GeneratedRegex(@"^RT\s+@(?<handle>[A-Za-z0-9_]{1,50})\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Retweet();

    [GeneratedRegex(@"(https?://|www\.)\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Links();

    [GeneratedRegex(@"@[A-Za-z0-9_.]{1,50}", RegexOptions.CultureInvariant)]
    private static partial Regex Handles();
}
