using System.Collections.Concurrent;

namespace MentionWatch.Tests.Alerts;

/// <summary>
/// A clock that stands still at <see cref="Now"/>. Timers due within <see cref="FireAtOnceUpTo"/> fire at once (so
/// retry delays and short timeouts cost no real time) and are recorded in <see cref="Timers"/>; longer ones never fire.
/// </summary>
internal sealed class FakeTimeProvider : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);

    public TimeSpan FireAtOnceUpTo { get; set; } = TimeSpan.FromMinutes(1);

    public ConcurrentQueue<TimeSpan> Timers { get; } = new();

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class Timer(FakeTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private int _fired;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return true;
            }

            clock.Timers.Enqueue(dueTime);
            if (dueTime <= clock.FireAtOnceUpTo && Interlocked.Exchange(ref _fired, 1) == 0)
            {
                // Fire on the thread pool, as a real timer would, never inside CreateTimer itself.
                ThreadPool.QueueUserWorkItem(_ => callback(state));
            }

            return true;
        }

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
