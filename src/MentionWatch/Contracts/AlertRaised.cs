namespace MentionWatch.Contracts;

/// <summary>An alert for one team was stored and is waiting to be delivered on the team's channels.</summary>
public sealed record AlertRaised
{
    public required long AlertId { get; init; }
}
