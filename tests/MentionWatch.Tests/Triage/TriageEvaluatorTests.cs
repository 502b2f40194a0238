using MentionWatch.Cli;
using MentionWatch.Triage;
using MentionWatch.Triage.Evaluation;

namespace MentionWatch.Tests.Triage;

public sealed class TriageEvaluatorTests
{
    private const double LabelTarget = 0.90;

    [Fact]
    public async Task Evaluate_DevSet_MeetsTheIssueTargets()
    {
        var eval = DevSetFolder();
        var engine = TriageEngine.Create(TrustProfile.Load(Path.Combine(eval, "trust.json")));
        var mentions = await TriageCommands.ReadLabelledAsync(Path.Combine(eval, "mentions.jsonl"), CancellationToken.None);

        var report = TriageEvaluator.Evaluate(engine, mentions);

        using var text = new StringWriter();
        report.WriteTo(text, engine.Version);
        var detail = text.ToString();
        report[Labels.Distress].Recall.ShouldBe(1.0, detail);
        report.UrgentRecall.ShouldBe(1.0, detail);
        foreach (var label in report.Labels)
        {
            label.Precision.ShouldBeGreaterThanOrEqualTo(LabelTarget, $"{label.Label} precision\n{detail}");
            label.Recall.ShouldBeGreaterThanOrEqualTo(LabelTarget, $"{label.Label} recall\n{detail}");
        }
    }

    [Fact]
    public void Evaluate_TwoMentions_CountsHitsMissesAndFalsePositives()
    {
        var mentions = new[]
        {
            new MentionWatch.Mentions.MentionJson { Id = "a", Platform = "x", Text = "Huge thank you to the district nurses, so kind", Expected = new MentionWatch.Mentions.ExpectedJson { Labels = ["praise"] } },
            new MentionWatch.Mentions.MentionJson { Id = "b", Platform = "x", Text = "Harbourside Road closed again", Expected = new MentionWatch.Mentions.ExpectedJson { Labels = ["complaint"] } },
        };

        var report = TriageEvaluator.Evaluate(TestTrust.Engine, mentions);

        report[Labels.Praise].TruePositives.ShouldBe(1);
        report[Labels.Complaint].FalseNegatives.ShouldBe(1);
        report[Labels.Complaint].MissedAs.ShouldContainKey("(none)");
        report.MentionsPerSecond.ShouldBeGreaterThan(0);
    }

    /// <summary>The development set, kept in the repository with the training corpus (a copy of shared/eval).</summary>
    private static string DevSetFolder() => RepoPaths.Combine("src/MentionWatch/Triage/Corpus/dev");
}
