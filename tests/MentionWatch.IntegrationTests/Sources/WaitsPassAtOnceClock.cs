namespace MentionWatch.IntegrationTests.Sources;

/// <summary>
/// The harness's <see cref="TestClock"/> as the per-host politeness sees it: a wait it asks for (a request's turn on a
/// rate-limited host) passes at once by moving the test clock to the wait's end, so a paced poll costs no real time,
/// and what the fake records is the schedule the limiter set, whatever the machine's speed.
/// </summary>
public sealed class WaitsPassAtOnceClock(TestClock clock) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // The test clock's manual timer fires once the clock reaches its due time: move the clock there now.
        var timer = clock.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan) clock.Advance(dueTime);
        return timer;
    }
}
