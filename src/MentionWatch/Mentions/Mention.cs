namespace MentionWatch.Mentions;

/// <summary>One stored post from a source, with its raw payload (table <c>mentions</c>).</summary>
public sealed class Mention
{
    public long Id { get; set; }
    public required string SourceId { get; set; }
    public required string Platform { get; set; }
    public required string ExternalId { get; set; }
    public string? AuthorHandle { get; set; }
    public string? AuthorDisplayName { get; set; }
    public string? AuthorDescription { get; set; }
    public DateTimeOffset? AuthorCreatedAt { get; set; }
    public bool AuthorVerified { get; set; }
    public required string Text { get; set; }
    public string? Url { get; set; }
    public string? Lang { get; set; }
    public string? InReplyTo { get; set; }
    public DateTimeOffset PostedAt { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public required string RawPayload { get; set; }
    public required string RawSha256 { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public bool LegalHold { get; set; }

    /// <summary>The post whose story this copy joined (see <c>Stories/StoryRules</c>); null when it heads its own.</summary>
    public long? StoryId { get; set; }

    /// <summary>How it copies that post: share, repeat or copy (<c>Stories/CopyKinds</c>).</summary>
    public string? CopyKind { get; set; }
}
