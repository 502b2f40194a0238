using System.Diagnostics;
using MentionWatch.Mentions;

namespace MentionWatch.Triage.Evaluation;

/// <summary>Scores a <see cref="TriageEngine"/> against a labelled set (the logic behind the <c>eval</c> verb).</summary>
public static class TriageEvaluator
{
    /// <summary>Minimum time spent re-classifying the set to measure throughput, so small sets give a stable figure.</summary>
    private static readonly TimeSpan MeasureFor = TimeSpan.FromSeconds(1);

    /// <summary>Time spent classifying before measuring, so the JIT has compiled the hot paths fully (as in a running service).</summary>
    private static readonly TimeSpan WarmUpFor = TimeSpan.FromSeconds(1);

    /// <summary>Classifies every labelled mention and scores the verdicts; mentions without <c>expected</c> are skipped.</summary>
    public static EvaluationReport Evaluate(TriageEngine engine, IReadOnlyList<MentionJson> mentions)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(mentions);
        var labelled = mentions.Where(m => m.Expected is not null).ToList();
        var inputs = labelled.Select(TriageInput.From).ToList();
        return Score(labelled, inputs.Select(engine.Classify).ToList(), MeasureThroughput(engine, inputs));
    }

    /// <summary>As above, with the rules and the learned model together (the service's classifier).</summary>
    public static EvaluationReport Evaluate(TriageClassifier classifier, TriageEngine engine, IReadOnlyList<MentionJson> mentions)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(mentions);
        var labelled = mentions.Where(m => m.Expected is not null).ToList();
        var inputs = labelled.Select(TriageInput.From).ToList();
        var watch = Stopwatch.StartNew();
        var verdicts = classifier.Classify(engine, inputs);
        return Score(labelled, verdicts, inputs.Count / Math.Max(watch.Elapsed.TotalSeconds, 1e-9));
    }

    /// <summary>Scores verdicts already made, one per labelled mention and in the same order.</summary>
    public static EvaluationReport Score(IReadOnlyList<MentionJson> labelled, IReadOnlyList<TriageResult> verdicts, double mentionsPerSecond)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        ArgumentNullException.ThrowIfNull(verdicts);
        var scores = Labels.All.Select(l => new LabelScore { Label = l }).ToList();
        var cases = new List<EvaluationCase>(labelled.Count);
        int urgentSupport = 0, urgentFound = 0, urgentFalse = 0;

        for (var i = 0; i < labelled.Count; i++)
        {
            var expected = labelled[i].Expected!;
            var verdict = verdicts[i];
            cases.Add(new EvaluationCase
            {
                Id = labelled[i].Id ?? $"line {i + 1}",
                Text = labelled[i].Text ?? "",
                Expected = expected.Labels,
                ExpectedUrgent = expected.Urgent,
                Why = expected.Why,
                Verdict = verdict,
            });
            Score(scores, expected.Labels, verdict.Labels);
            if (expected.Urgent)
            {
                urgentSupport++;
                urgentFound += verdict.Urgent ? 1 : 0;
            }
            else if (verdict.Urgent)
            {
                urgentFalse++;
            }
        }

        return new EvaluationReport
        {
            Labels = scores,
            Cases = cases,
            UrgentSupport = urgentSupport,
            UrgentFound = urgentFound,
            UrgentFalsePositives = urgentFalse,
            MentionsPerSecond = mentionsPerSecond,
        };
    }

    private static void Score(List<LabelScore> scores, IReadOnlyList<string> expected, IReadOnlyList<string> predicted)
    {
        foreach (var score in scores)
        {
            var e = expected.Contains(score.Label);
            var p = predicted.Contains(score.Label);
            if (e && p)
            {
                score.TruePositives++;
            }
            else if (e)
            {
                score.FalseNegatives++;
                foreach (var other in predicted.DefaultIfEmpty("(none)"))
                {
                    score.MissedAs[other] = score.MissedAs.GetValueOrDefault(other) + 1;
                }
            }
            else if (p)
            {
                score.FalsePositives++;
                foreach (var other in expected.DefaultIfEmpty("(none)"))
                {
                    score.WrongFor[other] = score.WrongFor.GetValueOrDefault(other) + 1;
                }
            }
        }
    }

    private static double MeasureThroughput(TriageEngine engine, List<TriageInput> inputs)
    {
        if (inputs.Count == 0)
        {
            return 0;
        }

        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < WarmUpFor)
        {
            foreach (var input in inputs)
            {
                engine.Classify(input);
            }
        }

        var watch = Stopwatch.StartNew();
        long classified = 0;
        while (watch.Elapsed < MeasureFor)
        {
            foreach (var input in inputs)
            {
                engine.Classify(input);
            }

            classified += inputs.Count;
        }

        return classified / watch.Elapsed.TotalSeconds;
    }
}
