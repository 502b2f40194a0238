using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentionWatch.Sources;

/// <summary>
/// The cursor the HTTP adapters store (as JSON) with each page. <see cref="Mark"/> is the high-water mark of the
/// last <em>completed</em> poll (an X <c>since_id</c>, or the newest platform time seen); it moves only when the
/// last page of a poll is stored. While a poll is paging, <see cref="Next"/> holds the next page's token and
/// <see cref="RunMark"/> the newest mark seen so far, so a poll cut short (a crash, a throttle, the page limit) is
/// resumed where it stopped, and a resume older than <see cref="ResumeWithin"/> (<see cref="ResumeLimit"/> unless the
/// adapter says its positions never go stale) is dropped and restarted from <see cref="Mark"/> (platform page tokens go
/// stale; re-reading is safe because stored mentions are unique).
/// </summary>
public sealed record PollCursor
{
    /// <summary>A poll in progress older than this is restarted rather than resumed.</summary>
    public static readonly TimeSpan ResumeLimit = TimeSpan.FromHours(1);

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>
    /// How long a poll in progress may be resumed (not stored: the adapter's rule). Null: however long, for a platform
    /// whose page positions do not go stale (Care Opinion's offsets inside a fixed window), where dropping a long run
    /// would restart a long history from its first page at every poll and never reach its end.
    /// </summary>
    [JsonIgnore] public TimeSpan? ResumeWithin { get; init; } = ResumeLimit;

    [JsonPropertyName("mark")] public string? Mark { get; init; }
    [JsonPropertyName("next")] public string? Next { get; init; }
    [JsonPropertyName("run_mark")] public string? RunMark { get; init; }
    [JsonPropertyName("run_started")] public DateTimeOffset? RunStartedAt { get; init; }

    /// <summary>
    /// Set when the run in progress was started again from the newest because the page it was to resume from had
    /// vanished (Reddit's <c>after</c> anchor deleted): a run restarts so at most once, then an empty page is the end.
    /// </summary>
    [JsonPropertyName("repaged")] public bool? Repaged { get; init; }

    /// <summary>Pages read so far in the poll in progress (for platforms read a fixed number of pages deep).</summary>
    [JsonPropertyName("run_pages")] public int? RunPages { get; init; }

    /// <summary>
    /// Set when the platform said on a successful answer that we are at its limit (usage headers): the next call
    /// waits until then, as a throttle, instead of spending the last of the quota.
    /// </summary>
    [JsonPropertyName("pause_until")] public DateTimeOffset? PauseUntil { get; init; }
    [JsonPropertyName("pause_reason")] public string? PauseReason { get; init; }

    /// <summary>
    /// Not to be fetched before this (a feed's <c>&lt;ttl&gt;</c>: how long it may be cached), and the last
    /// <c>&lt;ttl&gt;</c> in minutes, which a 304 answer (no body) renews.
    /// </summary>
    [JsonPropertyName("not_before")] public DateTimeOffset? NotBefore { get; init; }
    [JsonPropertyName("ttl")] public int? TtlMinutes { get; init; }

    /// <summary>An Instagram hashtag's name as configured and the id <c>ig_hashtag_search</c> found for it.</summary>
    [JsonPropertyName("hashtag")] public string? Hashtag { get; init; }
    [JsonPropertyName("hashtag_id")] public string? HashtagId { get; init; }

    /// <summary>HTTP validators for conditional GET (feeds).</summary>
    [JsonPropertyName("etag")] public string? ETag { get; init; }
    [JsonPropertyName("last_modified")] public string? LastModified { get; init; }

    /// <summary>Reads a stored cursor; an unreadable or foreign one (e.g. from another adapter) starts afresh.</summary>
    public static PollCursor Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new PollCursor();
        try
        {
            return JsonSerializer.Deserialize<PollCursor>(text, Json) ?? new PollCursor();
        }
        catch (JsonException)
        {
            return new PollCursor();
        }
    }

    /// <summary>The page token to resume with, or null when this call starts a new poll.</summary>
    public string? ResumeToken(DateTimeOffset now) =>
        Next is not null && RunStartedAt is { } started && (ResumeWithin is not { } limit || now - started < limit) ? Next : null;

    /// <summary>
    /// The page after one that was read: more to come (<paramref name="next"/> set) keeps <see cref="Mark"/> and
    /// remembers the newest mark so far; the last page commits it.
    /// </summary>
    public SourcePage Page(
        IReadOnlyList<FetchedMention> mentions, IReadOnlyList<QuarantinedItem> quarantined, string? next, string? pageMark,
        DateTimeOffset now, Func<string, string, int> compare)
    {
        var resuming = ResumeToken(now) is not null;
        var runMark = Newest(resuming ? RunMark : null, pageMark, compare);
        var unpaused = this with { PauseUntil = null, PauseReason = null };
        var cursor = next is not null
            ? unpaused with
            {
                Next = next, RunMark = runMark, RunStartedAt = resuming ? RunStartedAt : now, RunPages = PagesRead(now),
                // Kept through the run it was set for (resumed, or started from the newest with no page token); a run
                // dropped for its age starts with none.
                Repaged = resuming || Next is null ? Repaged : null,
            }
            : unpaused with { Mark = Newest(Mark, runMark, compare), Next = null, RunMark = null, RunStartedAt = null, RunPages = null, Repaged = null };
        return new SourcePage { Mentions = mentions, Quarantined = quarantined, NextCursor = cursor.ToString(), HasMore = next is not null };
    }

    /// <summary>Throws the platform's earlier "at the limit" as a throttle while it lasts.</summary>
    public void ThrowIfPaused(DateTimeOffset now)
    {
        if (PauseUntil is { } until && until > now) throw new SourceThrottledException(until, PauseReason ?? "the platform's usage limit was reached");
    }

    /// <summary>Pages read in this poll once the page being fetched now is read.</summary>
    public int PagesRead(DateTimeOffset now) => (ResumeToken(now) is not null ? RunPages ?? 1 : 0) + 1;

    public override string ToString() => JsonSerializer.Serialize(this, Json);

    /// <summary>Orders ISO 8601 instants (the time marks).</summary>
    public static int CompareTimes(string a, string b) =>
        DateTimeOffset.Parse(a, System.Globalization.CultureInfo.InvariantCulture).CompareTo(DateTimeOffset.Parse(b, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Orders decimal ids of any length (X's 19-digit ids).</summary>
    public static int CompareIds(string a, string b) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);

    public static string TimeMark(DateTimeOffset time) => time.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A time mark never later than <paramref name="now"/>: one post dated in 2099 (a hostile payload, a broken clock)
    /// would otherwise carry the mark there, and every later "since" would ask for nothing until then.
    /// </summary>
    public static string TimeMark(DateTimeOffset time, DateTimeOffset now) => TimeMark(time > now ? now : time);

    private static string? Newest(string? a, string? b, Func<string, string, int> compare) =>
        a is null ? b : b is null ? a : compare(a, b) >= 0 ? a : b;
}
