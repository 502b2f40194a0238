namespace MentionWatch.Stories;

/// <summary>
/// Locality-sensitive hashes of a post's words (MinHash over word pairs, in <see cref="Count"/> bands of
/// <see cref="Rows"/>): two posts sharing most of their word pairs share a band value with high probability, two
/// unrelated posts almost never, so the database finds a post's likely copies among thousands by one indexed array
/// overlap (<c>copy_bands &amp;&amp; @bands</c>), and <see cref="CopyKey.Copies"/> then decides on the words themselves.
/// </summary>
/// <remarks>
/// Chosen on the first labelled pair set (tests/data/copies/pairs-a.jsonl) and a sample of the triage corpus: 20 bands
/// of 3 missed 8 of 305 true copies (the exact key still finds the identical ones) while two unrelated posts shared a
/// band 2 times in 100,000; 16 bands of 2 missed fewer but matched unrelated posts 30 times as often. The values are
/// stored, so the hash is fixed (FNV-1a and SplitMix64), never the runtime's per-process string hash.
/// </remarks>
public static class WordBands
{
    public const int Count = 20;
    public const int Rows = 3;

    public static long[] Of(IReadOnlyList<string> words)
    {
        if (words.Count < CopyKey.MinWords) return [];
        Span<ulong> minima = stackalloc ulong[Count * Rows];
        minima.Fill(ulong.MaxValue);
        for (var i = 0; i + 1 < words.Count; i++)
        {
            var pair = Fnv(words[i + 1], Fnv(" ", Fnv(words[i], FnvOffset)));
            for (var h = 0; h < minima.Length; h++)
            {
                var value = Mix(pair + (ulong)(h + 1) * Golden);
                if (value < minima[h]) minima[h] = value;
            }
        }

        var bands = new long[Count];
        for (var b = 0; b < Count; b++)
        {
            var value = (ulong)b;
            for (var r = 0; r < Rows; r++) value = Mix(value ^ minima[b * Rows + r]);
            bands[b] = unchecked((long)value);
        }

        return bands;
    }

    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;
    private const ulong Golden = 0x9E3779B97F4A7C15;

    private static ulong Fnv(string text, ulong hash)
    {
        foreach (var c in text) hash = (hash ^ c) * FnvPrime;
        return hash;
    }

    /// <summary>SplitMix64's finaliser: every input bit moves every output bit.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
