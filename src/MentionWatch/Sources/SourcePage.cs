namespace MentionWatch.Sources;

/// <summary>One page of a poll: the items read, the items that could not be read, and the cursor after them.</summary>
public sealed record SourcePage
{
    public required IReadOnlyList<FetchedMention> Mentions { get; init; }

    /// <summary>Items or whole pages that could not be read, with the reason; stored in quarantine, never dropped.</summary>
    public IReadOnlyList<QuarantinedItem> Quarantined { get; init; } = [];

    /// <summary>The cursor to store with this page (opaque to everyone but the adapter). Null keeps the old one.</summary>
    public string? NextCursor { get; init; }

    /// <summary>True when the platform has more items right now: the poll job stores this page and fetches again.</summary>
    public bool HasMore { get; init; }

    /// <summary>
    /// Set when the page as a whole could not be read (malformed, cut short, an HTML page, too big): recorded as the
    /// source's last error, while the body goes to quarantine and the cursor stays where it was.
    /// </summary>
    public string? Problem { get; init; }

    /// <summary>
    /// Set when the platform said on this answer that a limit the source shares is nearly spent (usage headers): every
    /// source sharing <see cref="SharedPause.Scope"/> waits until then, across restarts and instances too.
    /// </summary>
    public SharedPause? SharedPause { get; init; }

    /// <summary>A page that could not be read: quarantined with the reason, cursor unchanged, poll over.</summary>
    public static SourcePage Unreadable(string reason, string payload) => new()
    {
        Mentions = [],
        Quarantined = [new QuarantinedItem(reason, payload)],
        Problem = reason,
    };
}

/// <summary>Something a source returned that could not be turned into a mention.</summary>
public sealed record QuarantinedItem(string Reason, string Payload);

/// <summary>A shared limit (a <see cref="Http.ThrottleScopes"/> key) to leave alone until <paramref name="Until"/>.</summary>
public sealed record SharedPause(string Scope, DateTimeOffset Until, string Reason);
