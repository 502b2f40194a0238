using MentionWatch.Triage.Model;

namespace MentionWatch.Triage;

/// <summary>
/// Triage as the service runs it: the rules (<see cref="TriageEngine"/>) and, where a model is built into the
/// service, the learned model (<see cref="TriageModel"/>) beside them. A verdict is the union of what either finds —
/// the rules for the cues they know, the model for paraphrase — and each label keeps the reason of whichever found it.
/// Posts are embedded a batch at a time, identical texts once.
/// </summary>
public sealed class TriageClassifier(TriageModel? model, TextEmbedder embedder)
{
    /// <summary>The rules with the model shipped in the assembly (rules alone when none is).</summary>
    public static TriageClassifier Default { get; } = new(TriageModel.Default, TextEmbedder.Shared);

    /// <summary>The rules alone: for tests and measurements of the rules themselves.</summary>
    public static TriageClassifier RulesOnly { get; } = new(null, TextEmbedder.Shared);

    public TriageModel? Model => model;

    /// <summary>The classifier version recorded on verdicts: the rules' and the model's.</summary>
    public string Version(TriageEngine rules) => model is null ? rules.Version : $"{rules.Version}+{model.Version}";

    public TriageResult Classify(TriageEngine rules, TriageInput input) => Classify(rules, [input])[0];

    /// <summary>Classifies the inputs, in order.</summary>
    public IReadOnlyList<TriageResult> Classify(TriageEngine rules, IReadOnlyList<TriageInput> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var verdicts = new TriageResult[inputs.Count];
        for (var i = 0; i < inputs.Count; i++) verdicts[i] = rules.Classify(inputs[i]);
        if (model is null) return verdicts;

        var open = Enumerable.Range(0, inputs.Count).Where(i => !verdicts[i].TrustsOwn).ToList();
        var texts = open.Select(i => Cut(inputs[i].Text)).ToList();
        var embeddings = embedder.Embed(texts, cancellationToken);
        var version = Version(rules);
        for (var k = 0; k < open.Count; k++)
        {
            var i = open[k];
            var ngrams = HashedNgrams.Of(TextNormalizer.Normalize(texts[k]));
            verdicts[i] = Merge(verdicts[i], model.Find(embeddings[k], ngrams), model.Doubts(embeddings[k], ngrams));
        }

        // Every verdict records both versions, the trust's own posts too (the model was asked, and left them alone).
        for (var i = 0; i < verdicts.Length; i++) verdicts[i] = verdicts[i] with { ClassifierVersion = version };
        return verdicts;
    }

    /// <summary>
    /// The rules' verdict with the labels the model found added, each with its reason, and the rules' labels the model
    /// all but rules out (<paramref name="doubted"/>; never distress, urgent or an FOI request) taken away, saying why.
    /// </summary>
    internal static TriageResult Merge(TriageResult rules, IReadOnlyList<(string Label, string Reason)> found, IReadOnlyList<(string Label, string Reason)>? doubted = null)
    {
        var labels = rules.Labels.ToList();
        var reasons = rules.Reasons.ToList();
        var urgent = rules.Urgent;
        foreach (var (label, reason) in doubted ?? [])
        {
            if (label is Labels.Distress or Labels.FoiRequest or TriageModel.UrgentLabel || !labels.Remove(label)) continue;
            reasons.RemoveAll(r => r.StartsWith(label + ":", StringComparison.Ordinal));
            reasons.Add(reason);
        }

        foreach (var (label, reason) in found)
        {
            if (label == TriageModel.UrgentLabel)
            {
                // A risk to life is read only in a post that shows distress (to the rules or the model): the urgent
                // model alone wakes the on-call for too many posts that are not about a person in crisis at all.
                if (urgent || !(labels.Contains(Labels.Distress) || found.Any(f => f.Label == Labels.Distress))) continue;
                urgent = true;
                if (!labels.Contains(Labels.Distress)) labels.Add(Labels.Distress);
                reasons.Add(reason);
                continue;
            }

            if (labels.Contains(label)) continue;
            labels.Add(label);
            reasons.Add(reason);
        }

        if (labels.Except(rules.Labels).Any()) reasons.RemoveAll(r => r.StartsWith("no cue for any label", StringComparison.Ordinal));
        return rules with { Labels = labels, Urgent = urgent, Reasons = reasons };
    }

    private static string Cut(string text) => text.Length > TextNormalizer.MaxChars ? text[..TextNormalizer.MaxChars] : text;
}
