using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentionWatch.Triage.Model;

/// <summary>
/// The learned half of triage: for each label (and for "urgent"), a logistic regression over the post's sentence
/// embedding (<see cref="TextEmbedder"/>) and its hashed words and character n-grams (<see cref="HashedNgrams"/>),
/// with the threshold chosen on leave-one-writer-out predictions, and the labelled examples it learnt from, so a
/// label it raises is explained by the nearest one's reason. Built by <c>mentionwatch triage train</c> into
/// <c>Triage/Model/triage-model.json.gz</c> and shipped inside the service.
/// </summary>
public sealed class TriageModel
{
    public const string ResourceName = "MentionWatch.Triage.Model.triage-model.json.gz";

    /// <summary>The pseudo-label of the urgent model: a risk to life (implies distress).</summary>
    public const string UrgentLabel = "urgent";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private static readonly Lazy<TriageModel?> Embedded = new(LoadEmbedded);

    /// <summary>Recorded on every verdict the model took part in, e.g. <c>model-2026.12.1</c>.</summary>
    public required string Version { get; init; }

    public required IReadOnlyList<LabelModel> Labels { get; init; }

    /// <summary>What the model was trained on and how it scored, as <c>triage train</c> printed it.</summary>
    public IReadOnlyList<string> Summary { get; init; } = [];

    /// <summary>The model shipped in the assembly, or null when none was built into it.</summary>
    public static TriageModel? Default => Embedded.Value;

    /// <summary>The probability of each label (and of <see cref="UrgentLabel"/>) for one post.</summary>
    public Dictionary<string, float> Probabilities(float[] embedding, SparseFeatures ngrams) =>
        Labels.ToDictionary(l => l.Label, l => l.Probability(embedding, ngrams), StringComparer.Ordinal);

    /// <summary>The labels whose probability reaches their threshold, each with its reason.</summary>
    public IReadOnlyList<(string Label, string Reason)> Find(float[] embedding, SparseFeatures ngrams)
    {
        var found = new List<(string, string)>();
        foreach (var label in Labels)
        {
            if (label.Probability(embedding, ngrams) < label.Threshold) continue;
            found.Add((label.Label, label.Explain(embedding)));
        }

        return found;
    }

    /// <summary>
    /// The labels the model all but rules out (probability under the label's <see cref="LabelModel.Veto"/>), each with
    /// its reason: a rules cue for one of them is outweighed (see <see cref="TriageClassifier.Merge"/>).
    /// </summary>
    public IReadOnlyList<(string Label, string Reason)> Doubts(float[] embedding, SparseFeatures ngrams)
    {
        var doubted = new List<(string, string)>();
        foreach (var label in Labels)
        {
            if (label.Veto <= 0 || label.Probability(embedding, ngrams) >= label.Veto) continue;
            doubted.Add((label.Label, LabelModel.DoubtReason(label.Label)));
        }

        return doubted;
    }

    public static TriageModel Load(Stream gzipped)
    {
        using var json = new GZipStream(gzipped, CompressionMode.Decompress);
        return JsonSerializer.Deserialize<TriageModel>(json, Json) ?? throw new InvalidDataException("The triage model file is empty.");
    }

    public void Save(Stream destination)
    {
        using var json = new GZipStream(destination, CompressionLevel.SmallestSize, leaveOpen: true);
        JsonSerializer.Serialize(json, this, Json);
    }

    private static TriageModel? LoadEmbedded()
    {
        using var stream = typeof(TriageModel).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? null : Load(stream);
    }
}

/// <summary>One label's logistic regression, its threshold, and the labelled examples that explain it.</summary>
public sealed class LabelModel
{
    public required string Label { get; init; }
    public required float Bias { get; init; }
    public required float[] EmbeddingWeights { get; init; }
    public required float[] NgramWeights { get; init; }
    public required float Threshold { get; init; }

    /// <summary>
    /// Below this probability a rules cue for the label is outweighed (0: never). Chosen, like the threshold, on
    /// held-out writers, and only for labels where a wrong alert costs more than the rare miss (complaint, praise,
    /// media enquiry, fake account, staff abuse): never for distress, urgent or FOI requests.
    /// </summary>
    public float Veto { get; init; }

    internal static string DoubtReason(string label) =>
        $"not {label.Replace('_', ' ')}: the rules saw a cue, but the learned model reads the post unlike the labelled {label.Replace('_', ' ')} posts";

    /// <summary>The training posts that carry the label: their embeddings (scaled to bytes) and annotators' reasons.</summary>
    public required IReadOnlyList<Exemplar> Exemplars { get; init; }

    public float Probability(float[] embedding, SparseFeatures ngrams)
    {
        double score = Bias;
        for (var i = 0; i < EmbeddingWeights.Length; i++) score += EmbeddingWeights[i] * embedding[i];
        for (var i = 0; i < ngrams.Indices.Length; i++) score += NgramWeights[ngrams.Indices[i]] * ngrams.Values[i];
        return (float)(1 / (1 + Math.Exp(-score)));
    }

    /// <summary>Why, in a comms officer's words: the reason given for the most similar labelled post.</summary>
    public string Explain(float[] embedding)
    {
        Exemplar? nearest = null;
        var best = float.MinValue;
        foreach (var exemplar in Exemplars)
        {
            var similarity = exemplar.Similarity(embedding);
            if (similarity > best) (best, nearest) = (similarity, exemplar);
        }

        var what = Label == TriageModel.UrgentLabel ? "URGENT, risk to life; advise 999" : Label;
        return nearest is null
            ? $"{what}: the learned model reads it so"
            : $"{what}: the learned model reads it like a labelled post where \"{nearest.Why}\"";
    }
}

/// <summary>A labelled training post: its embedding, each dimension scaled to a signed byte, and its reason.</summary>
public sealed record Exemplar(byte[] Vector, string Why)
{
    public static Exemplar From(float[] embedding, string why) =>
        new(embedding.Select(v => (byte)(sbyte)Math.Clamp(MathF.Round(v * 127 * 4), -127, 127)).ToArray(), why);

    public float Similarity(float[] embedding)
    {
        float dot = 0;
        for (var i = 0; i < Vector.Length; i++) dot += (sbyte)Vector[i] * embedding[i];
        return dot;
    }
}
