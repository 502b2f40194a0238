using MentionWatch.Triage;
using MentionWatch.Triage.Model;

namespace MentionWatch.Tests.Triage.Model;

/// <summary>The model built into the service: present, used by the default classifier, and explained in words.</summary>
public sealed class ShippedModelTests
{
    [Fact]
    public void Default_ModelBuiltIn_VersionRecordedBesideTheRules()
    {
        var model = TriageModel.Default.ShouldNotBeNull();

        model.Version.ShouldStartWith("model-");
        model.Labels.Select(l => l.Label).ShouldBe(ModelTrainer.ModelLabels);
        TriageClassifier.Default.Version(TestTrust.Engine).ShouldBe($"{TestTrust.Engine.Version}+{model.Version}");
    }

    [Fact]
    public void Classify_CrisisTheRulesHaveNoWordFor_DistressWithAReasonFromALabelledExample()
    {
        // Written for this test: no crisis keyword, no trust alias the rules know.
        var input = new TriageInput
        {
            Platform = "facebook", AuthorHandle = "jo.m.1987", AuthorDisplayName = "Jo M", Lang = "en",
            Text = "sorted the cat a new home with my sister and left letters for the kids on the side. sorry to everyone i let down, you will all be better off",
        };

        var rules = TestTrust.Engine.Classify(input);
        var verdict = TriageClassifier.Default.Classify(TestTrust.Engine, input);

        verdict.Labels.ShouldContain(Labels.Distress);
        verdict.Reasons.ShouldContain(r => r.StartsWith("distress: the learned model reads it like a labelled post where \"", StringComparison.Ordinal) || rules.Labels.Contains(Labels.Distress));
        verdict.Reasons.ShouldNotContain(r => r.Contains("p=", StringComparison.Ordinal));
    }
}
