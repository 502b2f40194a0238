namespace MentionWatch.Stories;

/// <summary>
/// A post classified before with the same <see cref="CopyKey"/>, heading a story a copy may join: whose it is, the
/// teams its alerts went to, whether one of them is urgent, and whether one is still open (no one has acknowledged it).
/// </summary>
public sealed record StoryCandidate(long MentionId, string Platform, string? AuthorHandle, IReadOnlySet<string> Teams, bool Urgent, bool HasOpenAlert);
