using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace MentionWatch.Triage.Model;

/// <summary>
/// Trains <see cref="TriageModel"/> from a <see cref="TriageCorpus"/> with ML.NET's L-BFGS logistic regression, one
/// binary model per label, on one thread with a fixed seed, so the same corpus gives the same model. Thresholds come
/// from leave-one-writer-out predictions (each post scored by a model that never saw its writer): for distress and
/// urgent the highest thresholds that keep the verdict's recall at <see cref="LifeRecall"/> (see <c>LifeCuts</c>),
/// for the other labels the one with the best F1. Those same predictions are what <c>eval --lowo</c> reports.
/// </summary>
public static class ModelTrainer
{
    /// <summary>Recall kept on held-out writers where a life may be at stake.</summary>
    public static readonly IReadOnlyDictionary<string, double> LifeRecall = new Dictionary<string, double>
    {
        [Triage.Labels.Distress] = 0.97,
        [TriageModel.UrgentLabel] = 0.98,
    };

    public static IReadOnlyList<string> ModelLabels { get; } = [.. Triage.Labels.All, TriageModel.UrgentLabel];

    private const int Seed = 20261207;
    private const float L2 = 0.05f;

    /// <summary>The most a positive example of a rare label weighs against a negative one.</summary>
    private const float WeightCap = 8f;
    private const int FeatureCount = TextEmbedder.Dimensions + HashedNgrams.Dimensions;

    /// <summary>
    /// The model's version: a digest of the corpus files, the training settings and the cut-offs chosen, so the same
    /// corpus trained again by the same code gives the same version (and, with one thread and a fixed seed, the same
    /// weights), and a change of rules that moves a cut-off gives a new one.
    /// </summary>
    public static string VersionOf(string corpusFolder, IReadOnlyDictionary<string, LabelCut> cuts)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"seed={Seed};l2={L2};ngrams={HashedNgrams.Dimensions};window={TextEmbedder.WindowWords};encoder={SentenceModel.Description}")));
        // The cut-offs depend on the rules too (they are chosen for the verdict the rules and model make together).
        foreach (var (label, cut) in cuts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{label}={cut.Threshold:R}/{cut.Veto:R}")));
        }

        foreach (var file in Directory.GetFiles(corpusFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(corpusFolder, file)));
            sha.AppendData(File.ReadAllBytes(file));
        }

        return $"model-{Convert.ToHexStringLower(sha.GetHashAndReset())[..10]}";
    }

    /// <summary>The features of every post: computed once, shared by every fold and label.</summary>
    public sealed record Features(float[][] Embeddings, SparseFeatures[] Ngrams);

    public static Features Featurize(TriageCorpus corpus, TextEmbedder embedder, CancellationToken ct = default)
    {
        var texts = corpus.Posts.Select(p => p.Mention.Text!).ToList();
        var embeddings = new float[texts.Count][];
        const int chunk = 256;
        for (var start = 0; start < texts.Count; start += chunk)
        {
            var part = embedder.Embed(texts.Skip(start).Take(chunk).ToList(), ct);
            Array.Copy(part, 0, embeddings, start, part.Length);
        }

        var ngrams = texts.Select(t => HashedNgrams.Of(TextNormalizer.Normalize(t))).ToArray();
        return new Features(embeddings, ngrams);
    }

    /// <summary>Held-out probabilities: every post scored by the models trained without its writer.</summary>
    public static Dictionary<string, float[]> LeaveOneWriterOut(TriageCorpus corpus, Features features, Action<string>? progress = null)
    {
        var result = ModelLabels.ToDictionary(l => l, _ => new float[corpus.Posts.Count], StringComparer.Ordinal);
        foreach (var writer in corpus.Writers)
        {
            progress?.Invoke($"fold: holding out {writer}");
            var train = Enumerable.Range(0, corpus.Posts.Count).Where(i => corpus.Posts[i].Writer != writer).ToArray();
            var test = Enumerable.Range(0, corpus.Posts.Count).Where(i => corpus.Posts[i].Writer == writer).ToArray();
            foreach (var label in ModelLabels)
            {
                var model = Fit(corpus, features, train, label, new LabelCut(0.5f, 0), exemplars: false);
                foreach (var i in test) result[label][i] = model.Probability(features.Embeddings[i], features.Ngrams[i]);
            }
        }

        return result;
    }

    /// <summary>A label's cut-offs: the probability from which the model raises it, and under which it outweighs the rules' cue (0: never).</summary>
    public readonly record struct LabelCut(float Threshold, float Veto);

    /// <summary>Vetoes tried for the labels where precision is wanted: the model must all but rule a label out.</summary>
    private static readonly float[] VetoCandidates = [0f, 0.01f, 0.02f, 0.03f, 0.05f, 0.075f, 0.1f, 0.15f, 0.2f];

    /// <summary>Labels whose rules cue the model may never outweigh: a life, or a legal clock, may hang on them.</summary>
    private static readonly HashSet<string> NeverVetoed = [Labels.Distress, Labels.FoiRequest, TriageModel.UrgentLabel];

    /// <summary>
    /// The cut-offs for each label, chosen on held-out probabilities for the verdict as it is made — the rules and
    /// the model together (<paramref name="rulesFound"/>: whether the rules gave post i the label): for distress and
    /// urgent the highest threshold that keeps the union's recall at <see cref="LifeRecall"/>; for the other labels
    /// the threshold, and where allowed the veto, that give the verdict its best F1.
    /// </summary>
    public static Dictionary<string, LabelCut> Thresholds(TriageCorpus corpus, Dictionary<string, float[]> heldOut, Func<int, string, bool>? rulesFound = null)
    {
        rulesFound ??= (_, _) => false;
        var cuts = new Dictionary<string, LabelCut>(StringComparer.Ordinal);
        foreach (var label in ModelLabels)
        {
            var p = heldOut[label];
            var truth = corpus.Posts.Select(post => post.Has(label)).ToArray();
            var byRules = Enumerable.Range(0, p.Length).Select(i => rulesFound(i, label)).ToArray();
            var positives = truth.Count(t => t);
            if (positives == 0)
            {
                cuts[label] = new LabelCut(1.01f, 0);
                continue;
            }

            if (LifeRecall.ContainsKey(label)) continue;

            var best = (F1: -1.0, Cut: new LabelCut(0.5f, 0));
            foreach (var veto in NeverVetoed.Contains(label) ? [0f] : VetoCandidates)
            {
                // Raised whatever the threshold: a rules cue the veto leaves standing. The rest is raised from the
                // threshold down: sweep it over the rest's probabilities, highest first.
                int fixedTp = 0, fixedFp = 0;
                var rest = new List<int>();
                for (var i = 0; i < p.Length; i++)
                {
                    if (byRules[i] && p[i] >= veto)
                    {
                        if (truth[i]) fixedTp++;
                        else fixedFp++;
                    }
                    else if (p[i] >= 0.05f)
                    {
                        rest.Add(i);
                    }
                }

                rest.Sort((a, b) => p[b].CompareTo(p[a]));
                int tp = fixedTp, fp = fixedFp;
                for (var k = 0; k < rest.Count; k++)
                {
                    if (truth[rest[k]]) tp++;
                    else fp++;
                    // Only where the probability steps down: a threshold cannot split equal probabilities.
                    if (k + 1 < rest.Count && p[rest[k + 1]] == p[rest[k]]) continue;
                    var f1 = 2.0 * tp / (2 * tp + fp + (positives - tp));
                    if (f1 > best.F1) best = (f1, new LabelCut(p[rest[k]], veto));
                }
            }

            cuts[label] = best.Cut;
        }

        LifeCuts(corpus, heldOut, rulesFound, cuts);
        return cuts;
    }

    /// <summary>Shares of the urgent posts the distress threshold may be made to let through (see <see cref="LifeCuts"/>).</summary>
    private static readonly double[] UrgentThroughDistress = [0.98, 0.985, 0.99, 0.995, 1.0];

    /// <summary>
    /// Distress and urgent: the highest thresholds that keep their recall at <see cref="LifeRecall"/>, counted as the
    /// verdict is made. An urgent reading counts only in a post that shows distress (to the rules or the model), so a
    /// risk to life the urgent model saw is dropped if the distress model, tuned for distress in general, missed the
    /// post. So the distress threshold is lowered, if need be, until it lets through a share of the urgent posts
    /// (tried from <see cref="UrgentThroughDistress"/>), and urgent's is chosen among the posts it lets through: of
    /// the shares whose verdict keeps urgent recall, the one with the best urgent precision; if none keeps it, the one
    /// with the best urgent recall.
    /// </summary>
    private static void LifeCuts(TriageCorpus corpus, Dictionary<string, float[]> heldOut, Func<int, string, bool> rulesFound, Dictionary<string, LabelCut> cuts)
    {
        var n = corpus.Posts.Count;
        bool[] Truth(string label) => corpus.Posts.Select(post => post.Has(label)).ToArray();
        bool[] Rules(string label) => Enumerable.Range(0, n).Select(i => rulesFound(i, label)).ToArray();
        var (distress, urgent) = (Truth(Labels.Distress), Truth(TriageModel.UrgentLabel));
        var (distressByRules, urgentByRules) = (Rules(Labels.Distress), Rules(TriageModel.UrgentLabel));
        var (pDistress, pUrgent) = (heldOut[Labels.Distress], heldOut[TriageModel.UrgentLabel]);
        var distressCut = RecallCut(pDistress, distress, distressByRules, _ => true, LifeRecall[Labels.Distress]);
        var urgentCount = urgent.Count(u => u);
        if (urgentCount == 0)
        {
            cuts[Labels.Distress] = new LabelCut(distressCut, 0);
            cuts[TriageModel.UrgentLabel] = new LabelCut(1.01f, 0);
            return;
        }

        var best = (Recall: -1.0, Precision: -1.0, Distress: distressCut, Urgent: 1.01f);
        foreach (var share in UrgentThroughDistress)
        {
            var d = Math.Min(distressCut, RecallCut(pDistress, urgent, distressByRules, _ => true, share));
            bool Shown(int i) => distressByRules[i] || pDistress[i] >= d;
            var u = RecallCut(pUrgent, urgent, urgentByRules, Shown, LifeRecall[TriageModel.UrgentLabel]);
            int found = 0, wrong = 0;
            for (var i = 0; i < n; i++)
            {
                if (!urgentByRules[i] && !(Shown(i) && pUrgent[i] >= u)) continue;
                if (urgent[i]) found++;
                else wrong++;
            }

            var recall = (double)found / urgentCount;
            var precision = found + wrong == 0 ? 0 : (double)found / (found + wrong);
            var kept = recall >= LifeRecall[TriageModel.UrgentLabel];
            var better = best.Recall < LifeRecall[TriageModel.UrgentLabel]
                ? kept || recall > best.Recall
                : kept && precision > best.Precision;
            if (better) best = (recall, precision, d, u);
        }

        cuts[Labels.Distress] = new LabelCut(best.Distress, 0);
        cuts[TriageModel.UrgentLabel] = new LabelCut(best.Urgent, 0);
    }

    /// <summary>
    /// The highest threshold at which the rules (<paramref name="byRules"/>) and the model together find
    /// <paramref name="recall"/> of the <paramref name="truth"/> posts, the model only among the posts
    /// <paramref name="eligible"/> says its reading counts in.
    /// </summary>
    private static float RecallCut(float[] p, bool[] truth, bool[] byRules, Func<int, bool> eligible, double recall)
    {
        var positives = truth.Count(t => t);
        if (positives == 0) return 1.01f;
        var need = (int)Math.Ceiling(recall * positives) - Enumerable.Range(0, p.Length).Count(i => truth[i] && byRules[i]);
        var rest = Enumerable.Range(0, p.Length).Where(i => truth[i] && !byRules[i] && eligible(i)).Select(i => p[i]).OrderDescending().ToArray();
        return need <= 0 || rest.Length == 0 ? 0.5f : Math.Max(0.005f, rest[Math.Min(need, rest.Length) - 1]);
    }

    /// <summary>The shipped model: every label trained on the whole corpus, with the given thresholds.</summary>
    public static TriageModel Train(TriageCorpus corpus, Features features, Dictionary<string, LabelCut> cuts, string version, IReadOnlyList<string> summary)
    {
        var all = Enumerable.Range(0, corpus.Posts.Count).ToArray();
        return new TriageModel
        {
            Version = version,
            Labels = ModelLabels.Select(l => Fit(corpus, features, all, l, cuts[l], exemplars: true)).ToList(),
            Summary = summary,
        };
    }

    private static LabelModel Fit(TriageCorpus corpus, Features features, int[] rows, string label, LabelCut cut, bool exemplars)
    {
        var ml = new MLContext(Seed);
        var positives = rows.Count(i => corpus.Posts[i].Has(label));
        // Rare labels weigh more, so the regression does not learn "never" (capped: a few posts must not dominate).
        var positiveWeight = positives == 0 ? 1f : Math.Clamp((rows.Length - positives) / (float)positives, 1f, WeightCap);
        var data = ml.Data.LoadFromEnumerable(rows.Select(i => Row(features, i, corpus.Posts[i].Has(label), positiveWeight)));
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            L2Regularization = L2,
            L1Regularization = 0,
            NumberOfThreads = 1,
            ExampleWeightColumnName = nameof(TrainingRow.Weight),
            ShowTrainingStatistics = false,
        });
        var fitted = trainer.Fit(data).Model.SubModel;
        var weights = fitted.Weights.ToArray();
        return new LabelModel
        {
            Label = label,
            Bias = fitted.Bias,
            EmbeddingWeights = weights[..TextEmbedder.Dimensions],
            NgramWeights = weights[TextEmbedder.Dimensions..],
            Threshold = cut.Threshold,
            Veto = cut.Veto,
            Exemplars = exemplars
                ? rows.Where(i => corpus.Posts[i].Has(label))
                    .Select(i => Exemplar.From(features.Embeddings[i], corpus.Posts[i].Expected.Why ?? label)).ToList()
                : [],
        };
    }

    private static TrainingRow Row(Features features, int i, bool label, float positiveWeight)
    {
        var ngrams = features.Ngrams[i];
        var indices = new int[TextEmbedder.Dimensions + ngrams.Indices.Length];
        var values = new float[indices.Length];
        for (var d = 0; d < TextEmbedder.Dimensions; d++)
        {
            indices[d] = d;
            values[d] = features.Embeddings[i][d];
        }

        for (var k = 0; k < ngrams.Indices.Length; k++)
        {
            indices[TextEmbedder.Dimensions + k] = TextEmbedder.Dimensions + ngrams.Indices[k];
            values[TextEmbedder.Dimensions + k] = ngrams.Values[k];
        }

        return new TrainingRow
        {
            Features = new VBuffer<float>(FeatureCount, indices.Length, values, indices),
            Label = label,
            Weight = label ? positiveWeight : 1f,
        };
    }

    private sealed class TrainingRow
    {
        [VectorType(FeatureCount)] public VBuffer<float> Features { get; set; }
        public bool Label { get; set; }
        public float Weight { get; set; }
    }
}
