namespace MentionWatch.Mentions;

/// <summary>A classification of one mention, by the classifier or by hand (table <c>verdicts</c>).</summary>
public sealed class Verdict
{
    public long Id { get; set; }
    public long MentionId { get; set; }
    public required string ClassifierVersion { get; set; }
    public string[] Labels { get; set; } = [];
    public bool Urgent { get; set; }
    public string[] Reasons { get; set; } = [];
    public string? DecidedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
