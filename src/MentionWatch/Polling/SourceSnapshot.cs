namespace MentionWatch.Polling;

/// <summary>What the watch knows of one source at one moment: its health row and the rhythm of its arrivals.</summary>
public sealed record SourceSnapshot
{
    public required string SourceId { get; init; }
    public required string Platform { get; init; }
    public required TimeSpan Interval { get; init; }
    public required DateTimeOffset WatchedSince { get; init; }

    /// <summary>
    /// When this process began watching: silence is counted from no earlier, so a restart after downtime does not
    /// report every source at once before its first poll has had a chance (downtime is the deployment's probes' job).
    /// </summary>
    public DateTimeOffset WatchStartedAt { get; init; } = DateTimeOffset.MinValue;
    public DateTimeOffset? LastSuccessAt { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? LastErrorAt { get; init; }
    public DateTimeOffset? BackoffUntil { get; init; }

    /// <summary>When the newest mention from this source was first seen.</summary>
    public DateTimeOffset? LastItemAt { get; init; }

    /// <summary>Gaps between polls that brought something, over the rhythm window.</summary>
    public int GapCount { get; init; }

    /// <summary>95th percentile of those gaps.</summary>
    public TimeSpan? UsualLongestGap { get; init; }
}
