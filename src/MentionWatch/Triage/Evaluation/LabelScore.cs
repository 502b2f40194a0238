namespace MentionWatch.Triage.Evaluation;

/// <summary>Counts for one label over a labelled set, and the figures derived from them.</summary>
public sealed class LabelScore
{
    /// <summary>The label scored.</summary>
    public required string Label { get; init; }

    /// <summary>Predicted and expected.</summary>
    public int TruePositives { get; set; }

    /// <summary>Predicted, not expected.</summary>
    public int FalsePositives { get; set; }

    /// <summary>Expected, not predicted.</summary>
    public int FalseNegatives { get; set; }

    /// <summary>How many mentions carry the label in the set.</summary>
    public int Support => TruePositives + FalseNegatives;

    /// <summary>Share of predictions that were right; 1 when nothing was predicted.</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>Share of expected labels found; 1 when the set has none.</summary>
    public double Recall => Support == 0 ? 1 : (double)TruePositives / Support;

    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>For misses: which labels were predicted instead (label, or "(none)"), with counts.</summary>
    public Dictionary<string, int> MissedAs { get; } = new(StringComparer.Ordinal);

    /// <summary>For false positives: which labels the annotators gave instead, with counts.</summary>
    public Dictionary<string, int> WrongFor { get; } = new(StringComparer.Ordinal);
}
