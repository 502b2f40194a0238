using MentionWatch.Mentions;
using MentionWatch.Triage;
using MentionWatch.Triage.Model;

namespace MentionWatch.Tests.Triage.Model;

public sealed class ModelTrainerTests
{
    [Fact]
    public void Train_SameCorpusTwice_SameWeights()
    {
        var (corpus, features) = Synthetic();
        var thresholds = ModelTrainer.ModelLabels.ToDictionary(l => l, _ => new ModelTrainer.LabelCut(0.5f, 0));

        var a = ModelTrainer.Train(corpus, features, thresholds, "v", []);
        var b = ModelTrainer.Train(corpus, features, thresholds, "v", []);

        a.Labels.Select(l => l.Bias).ShouldBe(b.Labels.Select(l => l.Bias));
        a.Labels.Select(l => l.EmbeddingWeights).ShouldBe(b.Labels.Select(l => l.EmbeddingWeights));
    }

    [Fact]
    public void LeaveOneWriterOut_SignalInTheEmbedding_HeldOutWritersScoredByIt()
    {
        var (corpus, features) = Synthetic();

        var heldOut = ModelTrainer.LeaveOneWriterOut(corpus, features);

        // Every distress post of each writer scored above every other post of that writer, by models that never saw it.
        for (var i = 0; i < corpus.Posts.Count; i++)
        {
            var p = heldOut[Labels.Distress][i];
            if (corpus.Posts[i].Has(Labels.Distress)) p.ShouldBeGreaterThan(0.5f, corpus.Posts[i].Mention.Id);
            else p.ShouldBeLessThan(0.5f, corpus.Posts[i].Mention.Id);
        }
    }

    [Fact]
    public void Thresholds_LifeLabels_KeepTheirRecallOnHeldOutPosts()
    {
        var (corpus, features) = Synthetic();
        var heldOut = ModelTrainer.LeaveOneWriterOut(corpus, features);

        var thresholds = ModelTrainer.Thresholds(corpus, heldOut);

        var positives = Enumerable.Range(0, corpus.Posts.Count).Where(i => corpus.Posts[i].Has(Labels.Distress)).ToList();
        positives.Count(i => heldOut[Labels.Distress][i] >= thresholds[Labels.Distress].Threshold).ShouldBeGreaterThanOrEqualTo((int)Math.Ceiling(0.97 * positives.Count));
    }

    [Fact]
    public void Thresholds_UrgentPostTheDistressModelScoresLow_DistressThresholdLetsItThrough()
    {
        // 100 distress posts (3 scored 0.3), 20 urgent ones (1 scored 0.05 for distress), 100 others at 0.1. Distress
        // alone would be cut at 0.3 (97% recall), and the one urgent post, though the urgent model is sure of it, would
        // never be read as urgent: an urgent reading counts only in a post that shows distress.
        var trust = new TrustProfile { Name = "Test Trust", Aliases = [], OfficialAccounts = [], TimeZone = "Europe/London" };
        var posts = new List<CorpusPost>();
        var (distress, urgent) = (new List<float>(), new List<float>());
        void Add(bool isDistress, bool isUrgent, float pDistress, float pUrgent)
        {
            posts.Add(new CorpusPost(new MentionJson
            {
                Id = $"u-{posts.Count}", Platform = "x", Text = $"post {posts.Count}",
                Expected = new ExpectedJson { Labels = isDistress ? [Labels.Distress] : [], Urgent = isUrgent, Why = "why" },
            }, trust, "w"));
            distress.Add(pDistress);
            urgent.Add(pUrgent);
        }

        for (var i = 0; i < 100; i++) Add(true, false, i < 3 ? 0.3f : 0.9f, 0.1f);
        for (var i = 0; i < 20; i++) Add(true, true, i == 0 ? 0.05f : 0.9f, 0.8f);
        for (var i = 0; i < 100; i++) Add(false, false, 0.1f, 0.1f);
        var heldOut = ModelTrainer.ModelLabels.ToDictionary(l => l, _ => new float[posts.Count]);
        heldOut[Labels.Distress] = [.. distress];
        heldOut[TriageModel.UrgentLabel] = [.. urgent];

        var cuts = ModelTrainer.Thresholds(new TriageCorpus(posts), heldOut);

        Check.Equal(cuts[Labels.Distress].Threshold, 0.05f, "the distress threshold (the lowest-scored urgent post's 0.05)");
        Check.Equal(cuts[TriageModel.UrgentLabel].Threshold, 0.8f, "the urgent threshold");
    }

    [Fact]
    public void Thresholds_RulesCueTheModelRulesOut_VetoedForPraiseNeverForDistressOrFoi()
    {
        // 40 posts: 10 praise the model is sure of (and the rules find), 10 not praise that the rules wrongly find and
        // the model gives 0.01; the same pattern for distress and FOI requests.
        var trust = new TrustProfile { Name = "Test Trust", Aliases = [], OfficialAccounts = [], TimeZone = "Europe/London" };
        var posts = Enumerable.Range(0, 40).Select(i => new CorpusPost(new MentionJson
        {
            Id = $"v-{i}", Platform = "x", Text = $"post {i}",
            Expected = new ExpectedJson { Labels = i < 10 ? [Labels.Praise, Labels.Distress, Labels.FoiRequest] : [], Urgent = false, Why = "why" },
        }, trust, "w")).ToList();
        var heldOut = ModelTrainer.ModelLabels.ToDictionary(l => l, _ => Enumerable.Range(0, 40).Select(i => i < 10 ? 0.9f : i < 20 ? 0.01f : 0.3f).ToArray());

        var cuts = ModelTrainer.Thresholds(new TriageCorpus(posts), heldOut, (i, _) => i < 20);

        Check.That(cuts[Labels.Praise].Veto > 0.01f, $"expected a praise veto above the wrongly cued posts' 0.01; got {cuts[Labels.Praise]}");
        Check.Equal(cuts[Labels.Distress].Veto, 0f, "the distress veto");
        Check.Equal(cuts[Labels.FoiRequest].Veto, 0f, "the FOI request veto");
    }

    /// <summary>Three writers; distress posts point one way in the embedding, the others another, with some noise.</summary>
    private static (TriageCorpus, ModelTrainer.Features) Synthetic()
    {
        var random = new Random(7);
        var trust = new TrustProfile { Name = "Test Trust", Aliases = [], OfficialAccounts = [], TimeZone = "Europe/London" };
        var posts = new List<CorpusPost>();
        var embeddings = new List<float[]>();
        for (var i = 0; i < 90; i++)
        {
            var distress = i % 3 == 0;
            var mention = new MentionJson
            {
                Id = $"s-{i}", Platform = "x", Text = $"post {i}",
                Expected = new ExpectedJson { Labels = distress ? [Labels.Distress] : [], Urgent = false, Why = distress ? "in crisis" : "noise" },
            };
            posts.Add(new CorpusPost(mention, trust, $"writer-{i % 3 + i / 45}"));
            var v = new float[TextEmbedder.Dimensions];
            v[distress ? 0 : 1] = 1;
            for (var d = 2; d < 10; d++) v[d] = (float)(random.NextDouble() - 0.5) * 0.2f;
            embeddings.Add(v);
        }

        var corpus = new TriageCorpus(posts);
        return (corpus, new ModelTrainer.Features([.. embeddings], [.. posts.Select(_ => new SparseFeatures([], []))]));
    }
}
