using System.Globalization;

namespace MentionWatch.Triage.Evaluation;

/// <summary>The scores of the engine on a labelled set: per label, urgency, the disagreements and the speed.</summary>
public sealed class EvaluationReport
{
    /// <summary>Per label, in <see cref="Labels.All"/> order.</summary>
    public required IReadOnlyList<LabelScore> Labels { get; init; }

    /// <summary>Every mention with its verdict.</summary>
    public required IReadOnlyList<EvaluationCase> Cases { get; init; }

    /// <summary>Mentions the annotators marked urgent.</summary>
    public required int UrgentSupport { get; init; }

    /// <summary>Of those, how many the engine marked urgent.</summary>
    public required int UrgentFound { get; init; }

    /// <summary>Mentions marked urgent that the annotators did not.</summary>
    public required int UrgentFalsePositives { get; init; }

    /// <summary>Single-threaded classification speed measured on the set.</summary>
    public required double MentionsPerSecond { get; init; }

    /// <summary>Urgent recall; 1 when the set has no urgent mention.</summary>
    public double UrgentRecall => UrgentSupport == 0 ? 1 : (double)UrgentFound / UrgentSupport;

    /// <summary>The score for one label.</summary>
    public LabelScore this[string label] => Labels.Single(l => l.Label == label);

    /// <summary>Writes the report as the <c>eval</c> verb prints it.</summary>
    public void WriteTo(TextWriter writer, string classifierVersion)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine($"classifier: {classifierVersion}   mentions: {Cases.Count}   exact verdicts: {Cases.Count(x => x.IsExact)}");
        writer.WriteLine();
        writer.WriteLine(string.Create(c, $"{"label",-15} {"precision",9} {"recall",7} {"F1",6} {"support",8} {"TP",4} {"FP",4} {"FN",4}"));
        foreach (var s in Labels)
        {
            writer.WriteLine(string.Create(c, $"{s.Label,-15} {s.Precision,9:0.000} {s.Recall,7:0.000} {s.F1,6:0.000} {s.Support,8} {s.TruePositives,4} {s.FalsePositives,4} {s.FalseNegatives,4}"));
        }

        writer.WriteLine(string.Create(c, $"urgent recall: {UrgentRecall:0.000} ({UrgentFound}/{UrgentSupport}), urgent false positives: {UrgentFalsePositives}"));
        writer.WriteLine();
        writer.WriteLine("confusion (misses: what was predicted instead; false positives: what the annotators said instead):");
        foreach (var s in Labels.Where(l => l.MissedAs.Count > 0 || l.WrongFor.Count > 0))
        {
            writer.WriteLine($"  {s.Label}: missed as [{Describe(s.MissedAs)}]; false positives on [{Describe(s.WrongFor)}]");
        }

        writer.WriteLine();
        var misses = Cases.Where(x => !x.IsExact).ToList();
        writer.WriteLine($"misses ({misses.Count}):");
        foreach (var m in misses)
        {
            writer.WriteLine($"- {m.Id}: expected [{string.Join(",", m.Expected)}]{(m.ExpectedUrgent ? " urgent" : "")}, got [{string.Join(",", m.Verdict.Labels)}]{(m.Verdict.Urgent ? " urgent" : "")}");
            writer.WriteLine($"    text:    {Shorten(m.Text)}");
            writer.WriteLine($"    reasons: {string.Join(" | ", m.Verdict.Reasons)}");
            writer.WriteLine($"    why:     {m.Why}");
        }

        writer.WriteLine();
        writer.WriteLine(string.Create(c, $"throughput: {MentionsPerSecond:0} mentions/s (single-threaded)"));
    }

    private static string Describe(Dictionary<string, int> counts) =>
        string.Join(", ", counts.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} x{kv.Value}"));

    private static string Shorten(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= 220 ? flat : flat[..220] + "…";
    }
}
