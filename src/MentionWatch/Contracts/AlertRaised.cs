namespace MentionWatch.Contracts;

/// <summary>An alert for one team was stored and is waiting to be delivered on the team's channels.</summary>
public sealed record AlertRaised
{
    public required long AlertId { get; init; }

    /// <summary>0 for the first delivery; n for the n-th re-send of an unacknowledged urgent alert (new idempotency keys).</summary>
    public int Round { get; init; }
}
