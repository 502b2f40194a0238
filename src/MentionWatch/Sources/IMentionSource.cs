namespace MentionWatch.Sources;

/// <summary>
/// One platform's adapter. The poll job calls <see cref="FetchAsync"/> with the cursor it last stored; the
/// adapter returns one page of items newer than the cursor and the cursor to store once that page is saved.
/// The poll job stores the page and the new cursor in one transaction, then calls again while
/// <see cref="SourcePage.HasMore"/> is true, so a failure half way never advances past unsaved mentions.
/// </summary>
public interface IMentionSource
{
    /// <summary>The platform name this adapter serves, as used in configuration (<c>x</c>, <c>rss</c>, <c>replay</c>…).</summary>
    string Platform { get; }

    /// <summary>
    /// Fetches the next page after <paramref name="cursor"/> (null on the first poll ever).
    /// Throws <see cref="SourceThrottledException"/> when the platform asks us to wait; any other exception is
    /// recorded as the source's last error and the next scheduled poll tries again.
    /// </summary>
    Task<SourcePage> FetchAsync(SourceSettings source, string? cursor, CancellationToken cancellationToken);

    /// <summary>
    /// The shared limits (<see cref="Http.ThrottleScopes"/> keys) <paramref name="source"/> counts against: while one is
    /// backing off, the source is not polled. None for a source whose limits are its own.
    /// </summary>
    IReadOnlyList<string> ThrottleScopesOf(SourceSettings source) => [];
}
