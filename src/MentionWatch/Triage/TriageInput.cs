namespace MentionWatch.Triage;

/// <summary>What the classifier may look at: the post and its author, never a label.</summary>
public sealed record TriageInput
{
    public required string Platform { get; init; }
    public required string Text { get; init; }
    public string? AuthorHandle { get; init; }
    public string? AuthorDisplayName { get; init; }
    public string? AuthorDescription { get; init; }
    public bool AuthorVerified { get; init; }
    public string? Lang { get; init; }
    public string? InReplyTo { get; init; }
}
