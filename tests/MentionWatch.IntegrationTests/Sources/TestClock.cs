namespace MentionWatch.IntegrationTests.Sources;

/// <summary>
/// A clock the test sets (backoff, "now" in cursors and health) whose timers are real: HTTP attempt timeouts must
/// still fire while the clock stands still, and the tests never wait on the clock itself.
/// </summary>
public sealed class TestClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime, period);
}
