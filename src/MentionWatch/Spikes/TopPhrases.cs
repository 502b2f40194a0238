using System.Globalization;
using System.Text;

namespace MentionWatch.Spikes;

/// <summary>
/// The phrases most posts in a spike share: two-word phrases first, then single words, each counted once per post.
/// Handles, links and common words are left out, so a phrase says what the spike is about, not who posted.
/// </summary>
public static class TopPhrases
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "are", "but", "not", "you", "your", "all", "any", "can", "had", "has", "have", "her", "his",
        "was", "were", "one", "our", "out", "who", "get", "got", "him", "how", "its", "may", "now", "she", "they", "them",
        "their", "there", "this", "that", "these", "those", "with", "from", "what", "when", "where", "which", "while",
        "will", "would", "could", "should", "about", "after", "again", "just", "been", "being", "into", "than", "then",
        "very", "more", "most", "some", "such", "only", "own", "same", "too", "did", "does", "doing", "don", "over",
        "under", "also", "because", "why", "here", "each", "off", "yet", "ive", "im", "its", "it's", "i'm", "i've",
        "amp", "https", "http", "www", "com", "nhs",
    };

    /// <summary>Up to <paramref name="count"/> phrases with the number of posts that use each, most used first.</summary>
    public static IReadOnlyList<(string Phrase, int Posts)> Find(IEnumerable<string> texts, int count = 5)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var bigrams = new Dictionary<string, int>(StringComparer.Ordinal);
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        var posts = 0;
        foreach (var text in texts)
        {
            posts++;
            var tokens = Tokens(text).ToList();
            foreach (var word in tokens.Where(t => t is not null).Distinct()) Increment(words, word!);
            foreach (var pair in tokens.Zip(tokens.Skip(1)).Where(p => p.First is not null && p.Second is not null)
                         .Select(p => $"{p.First} {p.Second}").Distinct()) Increment(bigrams, pair);
        }

        var chosen = new List<(string Phrase, int Posts)>();
        var minimum = posts < 2 ? 1 : 2;
        foreach (var (phrase, n) in Ranked(bigrams).Where(b => b.Value >= minimum).Take(count)) chosen.Add((phrase, n));
        var covered = chosen.SelectMany(c => c.Phrase.Split(' ')).ToHashSet(StringComparer.Ordinal);
        foreach (var (word, n) in Ranked(words).Where(w => w.Value >= minimum && !covered.Contains(w.Key)))
        {
            if (chosen.Count >= count) break;
            chosen.Add((word, n));
        }

        return chosen.OrderByDescending(c => c.Posts).ThenBy(c => c.Phrase, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<KeyValuePair<string, int>> Ranked(Dictionary<string, int> counts) =>
        counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal);

    private static void Increment(Dictionary<string, int> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    /// <summary>Lower-case words; null where a stop word, handle, link or number breaks a phrase.</summary>
    private static IEnumerable<string?> Tokens(string text)
    {
        foreach (var raw in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw.StartsWith('@') || raw.Contains("://", StringComparison.Ordinal) || raw.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
            {
                yield return null;
                continue;
            }

            var word = new StringBuilder();
            foreach (var c in raw.ToLower(CultureInfo.InvariantCulture))
            {
                if (char.IsLetter(c) || c == '\'' || c == '#') word.Append(c);
            }

            var token = word.ToString().Trim('\'');
            yield return token.Length < 3 || StopWords.Contains(token) ? null : token;
        }
    }
}
