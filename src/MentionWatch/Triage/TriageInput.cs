using MentionWatch.Mentions;

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

    /// <summary>The classifier's view of a mention read from JSON Lines; the annotators' <c>expected</c> is not copied.</summary>
    public static TriageInput From(MentionJson mention)
    {
        ArgumentNullException.ThrowIfNull(mention);
        return new TriageInput
        {
            Platform = mention.Platform ?? "",
            Text = mention.Text ?? "",
            AuthorHandle = mention.Author?.Handle,
            AuthorDisplayName = mention.Author?.DisplayName,
            AuthorDescription = mention.Author?.Description,
            AuthorVerified = mention.Author?.Verified ?? false,
            Lang = mention.Lang,
            InReplyTo = mention.InReplyTo,
        };
    }
}
