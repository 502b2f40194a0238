namespace MentionWatch.Polling;

/// <summary>Polling state of one configured source (table <c>sources</c>).</summary>
public sealed class SourceState
{
    public required string Id { get; set; }
    public required string Platform { get; set; }
    public string? Cursor { get; set; }
    public DateTimeOffset? LastPollAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
    public DateTimeOffset? BackoffUntil { get; set; }
    public DateTimeOffset? NextPollAt { get; set; }
    public int ItemsLastPoll { get; set; }
    public int ConsecutiveFailures { get; set; }
}
