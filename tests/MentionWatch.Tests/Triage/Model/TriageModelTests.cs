using MentionWatch.Triage;
using MentionWatch.Triage.Model;

namespace MentionWatch.Tests.Triage.Model;

public sealed class TriageModelTests
{
    // A two-dimensional toy: the first embedding dimension carries distress, the second praise.
    private static readonly float[] Crisis = Unit(1, 0);
    private static readonly float[] Thanks = Unit(0, 1);
    private static readonly SparseFeatures NoNgrams = new([], []);

    [Fact]
    public void Find_LabelAboveItsThreshold_RaisedWithTheNearestExamplesReason()
    {
        var model = Toy();

        var found = model.Find(Crisis, NoNgrams);

        found.Select(f => f.Label).ShouldBe([Labels.Distress]);
        found[0].Reason.ShouldBe("distress: the learned model reads it like a labelled post where \"says goodbye and gives things away\"");
    }

    [Fact]
    public void Find_UrgentLabel_ReasonAdvises999()
    {
        var model = Toy(urgentThreshold: 0.5f);

        model.Find(Crisis, NoNgrams).ShouldContain(f => f.Label == TriageModel.UrgentLabel && f.Reason.StartsWith("URGENT, risk to life; advise 999"));
    }

    [Fact]
    public void Probability_IsTheLogisticOfTheLinearScore()
    {
        var label = Label(Labels.Praise, bias: -1, weights: [0, 3], threshold: 0.5f);
        var ngrams = new SparseFeatures([7], [0.5f]);
        var withNgram = new LabelModel
        {
            Label = label.Label, Bias = label.Bias, EmbeddingWeights = label.EmbeddingWeights,
            NgramWeights = Enumerable.Range(0, HashedNgrams.Dimensions).Select(i => i == 7 ? 2f : 0f).ToArray(),
            Threshold = 0.5f, Exemplars = [],
        };

        label.Probability(Thanks, NoNgrams).ShouldBe((float)(1 / (1 + Math.Exp(-2))), 1e-5f);
        withNgram.Probability(Thanks, ngrams).ShouldBe((float)(1 / (1 + Math.Exp(-3))), 1e-5f);
    }

    [Fact]
    public void SaveLoad_RoundTrip_SameAnswers()
    {
        var model = Toy();
        using var stream = new MemoryStream();

        model.Save(stream);
        stream.Position = 0;
        var loaded = TriageModel.Load(stream);

        loaded.Version.ShouldBe(model.Version);
        loaded.Find(Crisis, NoNgrams).ShouldBe(model.Find(Crisis, NoNgrams));
        loaded.Probabilities(Thanks, NoNgrams).ShouldBe(model.Probabilities(Thanks, NoNgrams));
    }

    internal static TriageModel Toy(float urgentThreshold = 0.99f) => new()
    {
        Version = "model-test",
        Labels =
        [
            Label(Labels.Distress, -2, [5, 0], 0.5f, Exemplar.From(Crisis, "says goodbye and gives things away"), Exemplar.From(Thanks, "thanks the ward")),
            Label(Labels.Praise, -2, [0, 5], 0.5f, Exemplar.From(Thanks, "thanks the ward")),
            Label(TriageModel.UrgentLabel, -1, [3, 0], urgentThreshold, Exemplar.From(Crisis, "a plan for tonight")),
        ],
    };

    private static LabelModel Label(string label, float bias, float[] weights, float threshold, params Exemplar[] exemplars) => new()
    {
        Label = label,
        Bias = bias,
        EmbeddingWeights = [.. weights, .. new float[TextEmbedder.Dimensions - weights.Length]],
        NgramWeights = new float[HashedNgrams.Dimensions],
        Threshold = threshold,
        Exemplars = exemplars,
    };

    private static float[] Unit(float a, float b) => [a, b, .. new float[TextEmbedder.Dimensions - 2]];
}
