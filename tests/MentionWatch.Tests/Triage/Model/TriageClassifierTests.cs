using MentionWatch.Triage;

namespace MentionWatch.Tests.Triage.Model;

public sealed class TriageClassifierTests
{
    private static TriageResult Rules(string[] labels, bool urgent = false, params string[] reasons) =>
        new() { Labels = labels, Urgent = urgent, Reasons = reasons, ClassifierVersion = "rules-test" };

    [Fact]
    public void Merge_ModelFindsWhatTheRulesMissed_UnionWithTheModelsReason()
    {
        var merged = TriageClassifier.Merge(Rules([], false, "no cue for any label: noise"), [("complaint", "complaint: like a post where \"waited hours\"")]);

        merged.Labels.ShouldBe(["complaint"]);
        merged.Reasons.ShouldBe(["complaint: like a post where \"waited hours\""]);
    }

    [Fact]
    public void Merge_BothFindTheLabel_RulesReasonKeptAlone()
    {
        var merged = TriageClassifier.Merge(Rules(["praise"], false, "praise: thanks (rule P-01)"), [("praise", "praise: model")]);

        merged.Labels.ShouldBe(["praise"]);
        merged.Reasons.ShouldBe(["praise: thanks (rule P-01)"]);
    }

    [Fact]
    public void Merge_ModelFindsDistressAndUrgent_UrgentEvenWhenTheRulesSawNeither()
    {
        var merged = TriageClassifier.Merge(Rules(["complaint"], false, "complaint: turned away (rule C-02)"),
            [("distress", "distress: model"), ("urgent", "URGENT, risk to life; advise 999: model")]);

        merged.Urgent.ShouldBeTrue();
        merged.Labels.ShouldBe(["complaint", "distress"], ignoreOrder: true);
        merged.Reasons.ShouldContain("URGENT, risk to life; advise 999: model");
    }

    [Fact]
    public void Merge_ModelFindsUrgentWhereNeitherSeesDistress_NotUrgent()
    {
        var merged = TriageClassifier.Merge(Rules(["complaint"], false, "complaint: turned away (rule C-02)"), [("urgent", "URGENT: model")]);

        merged.Urgent.ShouldBeFalse();
        merged.Labels.ShouldBe(["complaint"]);
    }

    [Fact]
    public void Merge_RulesSeeDistressModelSeesUrgent_Urgent()
    {
        var merged = TriageClassifier.Merge(Rules(["distress"], false, "distress: cannot cope (rule D-01)"), [("urgent", "URGENT: model")]);

        merged.Urgent.ShouldBeTrue();
    }

    [Fact]
    public void Merge_ModelAllButRulesOutARulesComplaint_DroppedSayingWhy()
    {
        var merged = TriageClassifier.Merge(Rules(["complaint", "praise"], false, "complaint: explicit dissatisfaction (rule C-04)", "praise: thanks (rule P-01)"),
            [], [("complaint", "not complaint: the model reads it unlike complaints")]);

        merged.Labels.ShouldBe(["praise"]);
        merged.Reasons.ShouldBe(["praise: thanks (rule P-01)", "not complaint: the model reads it unlike complaints"]);
    }

    [Theory]
    [InlineData("distress")]
    [InlineData("foi_request")]
    public void Merge_ModelDoubtsALifeOrLegalLabel_TheRulesCueStands(string label)
    {
        var merged = TriageClassifier.Merge(Rules([label], false, $"{label}: a cue (rule X-1)"), [], [(label, $"not {label}")]);

        merged.Labels.ShouldBe([label]);
        merged.Reasons.ShouldBe([$"{label}: a cue (rule X-1)"]);
    }

    [Fact]
    public void Merge_ModelFindsNothing_RulesVerdictUnchanged()
    {
        var rules = Rules(["foi_request"], false, "foi: asks how many (rule F-01)");

        var merged = TriageClassifier.Merge(rules, []);

        merged.Labels.ShouldBe(rules.Labels);
        merged.Urgent.ShouldBeFalse();
        merged.Reasons.ShouldBe(rules.Reasons);
    }
}

public sealed class TriageClassifierWithModelTests
{
    // A model whose distress threshold is 0: it finds distress in every post it is asked about.
    private static readonly TriageClassifier AlwaysDistress = new(
        new MentionWatch.Triage.Model.TriageModel
        {
            Version = "model-always",
            Labels = [.. TriageModelTests.Toy().Labels.Select(l => l.Label == Labels.Distress ? Copy(l, 0f) : l)],
        },
        MentionWatch.Triage.Model.TextEmbedder.Shared);

    [Fact]
    public void Classify_APostOfTheMember_ModelLabelAddedAndBothVersionsRecorded()
    {
        var verdict = AlwaysDistress.Classify(TestTrust.Engine, Input("lovely walk on the beach today", "someone_local"));

        verdict.Labels.ShouldContain(Labels.Distress);
        verdict.ClassifierVersion.ShouldBe($"{TestTrust.Engine.Version}+model-always");
    }

    [Fact]
    public void Classify_TheTrustsOwnPost_NeverLabelledByTheModel()
    {
        var verdict = AlwaysDistress.Classify(TestTrust.Engine, Input("If you are struggling tonight, our crisis line is open", "HarboursideNHS"));

        verdict.Labels.ShouldBeEmpty();
        verdict.TrustsOwn.ShouldBeTrue();
    }

    [Fact]
    public void Classify_ABatchWithRepeatedTexts_OneVerdictPerInputInOrder()
    {
        var inputs = new[] { Input("a", "x1"), Input("b", "x2"), Input("a", "x3"), Input("HarboursideNHS update", "HarboursideNHS") };

        var verdicts = AlwaysDistress.Classify(TestTrust.Engine, inputs);

        verdicts.Count.ShouldBe(4);
        verdicts.Select(v => v.Labels.Contains(Labels.Distress)).ShouldBe([true, true, true, false]);
    }

    private static TriageInput Input(string text, string handle) =>
        new() { Platform = "x", Text = text, AuthorHandle = handle, AuthorDisplayName = handle, Lang = "en" };

    private static MentionWatch.Triage.Model.LabelModel Copy(MentionWatch.Triage.Model.LabelModel l, float threshold) => new()
    {
        Label = l.Label, Bias = l.Bias, EmbeddingWeights = l.EmbeddingWeights, NgramWeights = l.NgramWeights, Threshold = threshold, Exemplars = l.Exemplars,
    };
}
