namespace MentionWatch.Sources;

/// <summary>A platform item mapped to a mention, before it is stored.</summary>
public sealed record FetchedMention
{
    /// <summary>The platform's own id; with the platform, the mention's identity (stored once).</summary>
    public required string ExternalId { get; init; }
    public required string Platform { get; init; }
    public required string Text { get; init; }

    /// <summary>When the author posted it, by the platform's clock: this starts the FOI clock. Never "now".</summary>
    public required DateTimeOffset PostedAt { get; init; }
    public string? Url { get; init; }
    public string? Lang { get; init; }
    public string? InReplyTo { get; init; }

    /// <summary>The platform's id of the post this one shares (an X retweet), when the platform says so.</summary>
    public string? SharedId { get; init; }
    public string? AuthorHandle { get; init; }
    public string? AuthorDisplayName { get; init; }
    public string? AuthorDescription { get; init; }
    public DateTimeOffset? AuthorCreatedAt { get; init; }
    public bool AuthorVerified { get; init; }

    /// <summary>The item exactly as the platform sent it, as JSON: kept as evidence.</summary>
    public required string RawPayload { get; init; }
}
