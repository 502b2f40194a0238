using System.Globalization;
using MentionWatch.Triage.Evaluation;

namespace MentionWatch.Triage.Model;

/// <summary>
/// Leave-one-writer-out cross-validation of the rules, the model and the verdict they make together (the union, less
/// the rules cues the model outweighs) on a <see cref="TriageCorpus"/>:
/// every post is judged by a model that never saw its writer (nor, so, its trust), with the thresholds the shipped
/// model uses. This is the honest figure: the development set alone is too small and too uniform to trust.
/// </summary>
public sealed class CrossValidation
{
    private CrossValidation(TriageCorpus corpus, ModelTrainer.Features features, Dictionary<string, float[]> heldOut)
    {
        Corpus = corpus;
        Features = features;
        HeldOut = heldOut;
        var engines = new Dictionary<string, TriageEngine>(StringComparer.Ordinal);
        Rules = corpus.Posts.Select(p =>
        {
            if (!engines.TryGetValue(p.Trust.Name, out var engine)) engines[p.Trust.Name] = engine = TriageEngine.Create(p.Trust);
            return engine.Classify(TriageInput.From(p.Mention));
        }).ToList();
        Thresholds = ModelTrainer.Thresholds(corpus, heldOut,
            (i, label) => label == TriageModel.UrgentLabel ? Rules[i].Urgent : Rules[i].Labels.Contains(label));
        Model = Enumerable.Range(0, corpus.Posts.Count).Select(i => ModelVerdict(i, Rules[i].TrustsOwn)).ToList();
        Union = Enumerable.Range(0, corpus.Posts.Count).Select(i => TriageClassifier.Merge(Rules[i], Found(i, Rules[i].TrustsOwn), Doubted(i))).ToList();
    }

    public TriageCorpus Corpus { get; }
    public ModelTrainer.Features Features { get; }
    public Dictionary<string, float[]> HeldOut { get; }
    public Dictionary<string, ModelTrainer.LabelCut> Thresholds { get; }
    public IReadOnlyList<TriageResult> Rules { get; }
    public IReadOnlyList<TriageResult> Model { get; }
    public IReadOnlyList<TriageResult> Union { get; }

    /// <param name="embeddingCache">A file keeping the corpus's embeddings between runs (read first, written after embedding).</param>
    public static CrossValidation Run(TriageCorpus corpus, TextEmbedder embedder, Action<string>? progress = null, string? embeddingCache = null, CancellationToken ct = default)
    {
        if (embeddingCache is not null) embedder.LoadCache(embeddingCache);
        progress?.Invoke($"embedding {corpus.Posts.Count} posts");
        var features = ModelTrainer.Featurize(corpus, embedder, ct);
        if (embeddingCache is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(embeddingCache))!);
            embedder.SaveCache(embeddingCache);
        }

        var heldOut = ModelTrainer.LeaveOneWriterOut(corpus, features, progress);
        return new CrossValidation(corpus, features, heldOut);
    }

    public EvaluationReport Report(IReadOnlyList<TriageResult> verdicts, Func<CorpusPost, bool>? which = null)
    {
        var rows = Enumerable.Range(0, Corpus.Posts.Count).Where(i => which?.Invoke(Corpus.Posts[i]) ?? true).ToList();
        return TriageEvaluator.Score(rows.Select(i => Corpus.Posts[i].Mention).ToList(), rows.Select(i => verdicts[i]).ToList(), 0);
    }

    /// <summary>The figures <c>triage train</c> and <c>eval --lowo</c> print.</summary>
    public IReadOnlyList<string> Lines()
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            string.Create(c, $"corpus: {Corpus.Posts.Count} posts, {Corpus.Writers.Count} writers, {Corpus.Posts.Select(p => p.Trust.Name).Distinct().Count()} trusts, {Corpus.Posts.Count(p => p.Mention.Lang is { } l && l != "en")} not in English"),
            "leave-one-writer-out (each writer's posts judged by a model trained without them):",
            string.Create(c, $"{"label",-14} {"rules P",8} {"R",6} {"model P",8} {"R",6} {"union P",8} {"R",6} {"support",8} {"threshold",10} {"veto",6}"),
        };
        var (rules, model, union) = (Report(Rules), Report(Model), Report(Union));
        foreach (var label in Labels.All)
        {
            lines.Add(string.Create(c, $"{label,-14} {rules[label].Precision,8:0.00} {rules[label].Recall,6:0.00} {model[label].Precision,8:0.00} {model[label].Recall,6:0.00} {union[label].Precision,8:0.00} {union[label].Recall,6:0.00} {union[label].Support,8} {Thresholds[label].Threshold,10:0.000} {Thresholds[label].Veto,6:0.000}"));
        }

        lines.Add(string.Create(c, $"{"urgent",-14} {UrgentPrecision(rules),8:0.00} {rules.UrgentRecall,6:0.00} {UrgentPrecision(model),8:0.00} {model.UrgentRecall,6:0.00} {UrgentPrecision(union),8:0.00} {union.UrgentRecall,6:0.00} {union.UrgentSupport,8} {Thresholds[TriageModel.UrgentLabel].Threshold,10:0.000}"));
        lines.Add("per writer (union): distress recall, urgent recall, and the lowest precision and recall of the other labels");
        foreach (var writer in Corpus.Writers)
        {
            var r = Report(Union, p => p.Writer == writer);
            var others = r.Labels.Where(l => l.Label != Labels.Distress && l.Support > 0).ToList();
            lines.Add(string.Create(c, $"  {writer,-8} {r.Cases.Count,5} posts  distress R {r[Labels.Distress].Recall:0.00}  urgent R {r.UrgentRecall:0.00} ({r.UrgentFound}/{r.UrgentSupport})  others min P {(others.Count == 0 ? 1 : others.Min(l => l.Precision)):0.00} min R {(others.Count == 0 ? 1 : others.Min(l => l.Recall)):0.00}"));
        }

        return lines;
    }

    private static double UrgentPrecision(EvaluationReport r) =>
        r.UrgentFound + r.UrgentFalsePositives == 0 ? 1 : (double)r.UrgentFound / (r.UrgentFound + r.UrgentFalsePositives);

    private List<(string Label, string Reason)> Found(int i, bool trustsOwn) =>
        trustsOwn
            ? []
            : ModelTrainer.ModelLabels.Where(l => HeldOut[l][i] >= Thresholds[l].Threshold)
                .Select(l => (l, string.Create(CultureInfo.InvariantCulture, $"{l}: the learned model (held out), p={HeldOut[l][i]:0.00}"))).ToList();

    private List<(string Label, string Reason)> Doubted(int i) =>
        ModelTrainer.ModelLabels.Where(l => Thresholds[l].Veto > 0 && HeldOut[l][i] < Thresholds[l].Veto).Select(l => (l, LabelModel.DoubtReason(l))).ToList();

    private TriageResult ModelVerdict(int i, bool trustsOwn) =>
        TriageClassifier.Merge(new TriageResult { Labels = [], Urgent = false, Reasons = [], ClassifierVersion = "model (held out)" }, Found(i, trustsOwn));
}
