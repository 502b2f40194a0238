namespace MentionWatch.Mentions;

/// <summary>What one retention run did: mentions deleted, expired mentions kept (legal hold or open case), and the cut-off.</summary>
public sealed record RetentionResult(int Deleted, long Kept, DateTimeOffset Cutoff);
