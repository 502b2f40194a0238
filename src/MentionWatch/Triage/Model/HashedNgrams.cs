namespace MentionWatch.Triage.Model;

/// <summary>
/// What the sentence model cannot read well — misspellings, text-speak, and languages other than English — as a
/// sparse vector: the words and the character 3- to 5-grams (inside word boundaries) of the normalised text, hashed
/// into <see cref="Dimensions"/> buckets, weighted log(1 + count) and scaled to unit length. Deterministic: the same
/// text gives the same vector on every machine (FNV-1a, not the runtime's randomised string hash).
/// </summary>
public static class HashedNgrams
{
    public const int Dimensions = 1 << 15;

    /// <summary>The features of <paramref name="normalizedText"/> (see <see cref="TextNormalizer.Normalize"/>).</summary>
    public static SparseFeatures Of(string normalizedText)
    {
        var counts = new Dictionary<int, int>();
        foreach (var word in normalizedText.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            Add(counts, Hash('w', word));
            var padded = $"<{word}>";
            for (var n = 3; n <= 5; n++)
            {
                for (var i = 0; i + n <= padded.Length; i++) Add(counts, Hash('c', padded.AsSpan(i, n)));
            }
        }

        var indices = counts.Keys.Order().ToArray();
        var values = new float[indices.Length];
        double norm = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            values[i] = MathF.Log(1 + counts[indices[i]]);
            norm += values[i] * values[i];
        }

        var scale = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 0f;
        for (var i = 0; i < values.Length; i++) values[i] *= scale;
        return new SparseFeatures(indices, values);
    }

    private static void Add(Dictionary<int, int> counts, int bucket) =>
        counts[bucket] = counts.TryGetValue(bucket, out var c) ? c + 1 : 1;

    private static int Hash(char kind, ReadOnlySpan<char> gram)
    {
        var hash = 2166136261u;
        hash = (hash ^ kind) * 16777619u;
        foreach (var c in gram) hash = (hash ^ c) * 16777619u;
        return (int)(hash % Dimensions);
    }
}

/// <summary>A sparse vector: sorted distinct indices and their values.</summary>
public sealed record SparseFeatures(int[] Indices, float[] Values);
