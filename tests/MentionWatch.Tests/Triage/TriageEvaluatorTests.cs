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
        var eval = SharedEvalFolder();
        var engine = TriageEngine.Create(TrustProfile.Load(Path.Combine(eval, "dev-trust.json")));
        var mentions = await TriageCommands.ReadLabelledAsync(Path.Combine(eval, "dev-mentions.jsonl"), CancellationToken.None);

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

    /// <summary>
    /// shared/eval sits beside the repository (<c>&lt;repo&gt;/../shared/eval</c>): walk up from the test binaries
    /// until a folder has a sibling <c>shared/eval</c>.
    /// </summary>
    private static string SharedEvalFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "eval");
            if (File.Exists(Path.Combine(candidate, "dev-mentions.jsonl")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"shared/eval (dev-mentions.jsonl, dev-trust.json) not found above {AppContext.BaseDirectory}; clone the repo with shared/ beside it (<repo>/../shared/eval).");
    }
}
