using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MentionWatch.Stories;

/// <summary>
/// What makes two posts copies of each other: the same words once the parts that change between copies are gone —
/// a leading "RT @someone:", links, @handles, case, punctuation, emoji and spacing. A post is a share when it begins
/// with "RT @someone:" (X's retweet text); <see cref="SharedHandle"/> is then whose post it shares. Posts of fewer
/// than <see cref="MinWords"/> words have no key: "thank you @trust" from two people is not one story.
/// </summary>
public sealed partial record CopyKey(string? Key, string? SharedHandle)
{
    public const int MinWords = 4;

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

        var words = Words(Handles().Replace(Links().Replace(rest.ToString(), " "), " "));
        if (words.Count < MinWords) return new CopyKey(null, shared);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(' ', words)));
        return new CopyKey(Convert.ToHexStringLower(digest.AsSpan(0, 16)), shared);
    }

    /// <summary>Letters and digits in lower case, split at everything else (so "#A&amp;E" and "a&amp;e" are the same words).</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
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
