namespace MentionWatch.Contracts;

/// <summary>A mention was stored and is waiting to be classified. Published after the store commits.</summary>
public sealed record MentionReceived
{
    public required long MentionId { get; init; }
}
