namespace MentionWatch.Triage.Evaluation;

/// <summary>One labelled mention with the verdict the engine gave it.</summary>
public sealed record EvaluationCase
{
    public required string Id { get; init; }
    public required string Text { get; init; }
    public required IReadOnlyList<string> Expected { get; init; }
    public required bool ExpectedUrgent { get; init; }
    public string? Why { get; init; }
    public required TriageResult Verdict { get; init; }

    /// <summary>Whether labels and urgency both agree with the annotators.</summary>
    public bool IsExact =>
        Expected.Count == Verdict.Labels.Count && Expected.All(Verdict.Labels.Contains) && ExpectedUrgent == Verdict.Urgent;
}
