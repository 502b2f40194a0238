namespace MentionWatch.Mentions;

/// <summary>
/// What one retention run did: mentions deleted, expired mentions kept (legal hold, an open case, an alert still open
/// and younger than its limit), and what went of the other stores, with the mentions' cut-off.
/// </summary>
public sealed record RetentionResult(int Deleted, long Kept, DateTimeOffset Cutoff, int Notices, int Quarantined, int FoiCases, int FileEntries, int SignInFailures);
