namespace MentionWatch.Polling;

/// <summary>When this process started watching sources (a singleton, so it is the process's start, not a check's).</summary>
public sealed class SourceWatchStart(TimeProvider time)
{
    public DateTimeOffset At { get; } = time.GetUtcNow();
}
