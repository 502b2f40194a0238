using System.Diagnostics;

namespace MentionWatch.IntegrationTests;

/// <summary>
/// A test clock for a running host: it starts at a chosen instant and runs on in real time from there, and a test
/// jumps it forward (<see cref="Advance"/>, <see cref="JumpTo"/>). It must keep running because the whole host lives
/// on it, Quartz included (Quartz 4 takes the container's <see cref="TimeProvider"/>): a clock that stood still would
/// never let a trigger fall due. Timers are real ones, so retry delays and timeouts keep their meaning.
/// </summary>
public sealed class SettableTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Stopwatch _running = Stopwatch.StartNew();
    private long _offsetTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _offsetTicks) + _running.Elapsed.Ticks, TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Jumps forward to <paramref name="instant"/> (never back: the host's schedules assume time only moves on).</summary>
    public void JumpTo(DateTimeOffset instant)
    {
        var by = instant - GetUtcNow();
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(instant), "The clock only moves forward.");
        Advance(by);
    }
}
