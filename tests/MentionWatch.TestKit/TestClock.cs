using System.Collections.Concurrent;
using System.Diagnostics;

namespace MentionWatch.TestKit;

/// <summary>
/// The one clock of the tests. It reads <see cref="Now"/>, which the test sets or moves forward; it stands still
/// unless made with <c>running: true</c>, when it runs on in real time from where it was set (a whole host on it,
/// Quartz included, must see its triggers fall due). Timers are real ones, so libraries' timeouts keep their
/// meaning, unless <see cref="FireAtOnceUpTo"/> is set: then a timer due within it fires at once (a retry delay costs
/// no real time) and a longer one never fires; or unless <see cref="ManualTimers"/> is set: then a timer fires when
/// the test moves the clock past its due time, and never on its own, so a timeout fires exactly when the test says
/// and never because the machine was slow. Every timer asked for is recorded in <see cref="Timers"/>.
/// </summary>
public sealed class TestClock : TimeProvider
{
    /// <summary>Where a clock starts when the test does not say: a Wednesday morning, UK office hours.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 25, 10, 30, 0, TimeSpan.Zero);

    private readonly Stopwatch? _running;
    private readonly List<ManualTimer> _manual = [];
    private long _ticks;

    public TestClock(DateTimeOffset? start = null, bool running = false)
    {
        _ticks = (start ?? DefaultStart).UtcTicks;
        _running = running ? Stopwatch.StartNew() : null;
    }

    /// <summary>Now, by this clock; setting it moves the clock to that instant (a running clock runs on from there).</summary>
    public DateTimeOffset Now
    {
        get => GetUtcNow();
        set
        {
            Interlocked.Add(ref _ticks, value.UtcTicks - GetUtcNow().UtcTicks);
            FireDueManualTimers();
        }
    }

    /// <summary>When set, timers due within it fire at once and longer ones never; when null, timers are real.</summary>
    public TimeSpan? FireAtOnceUpTo { get; set; }

    /// <summary>When true, timers fire only when the test moves the clock past their due time.</summary>
    public bool ManualTimers { get; init; }

    /// <summary>The due times of the timers asked for, in order.</summary>
    public ConcurrentQueue<TimeSpan> Timers { get; } = new();

    public override DateTimeOffset GetUtcNow() =>
        new(Interlocked.Read(ref _ticks) + (_running?.Elapsed.Ticks ?? 0), TimeSpan.Zero);

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "The clock only moves forward.");
        Interlocked.Add(ref _ticks, by.Ticks);
        FireDueManualTimers();
    }

    /// <summary>Jumps forward to <paramref name="instant"/> (never back: schedules assume time only moves on).</summary>
    public void JumpTo(DateTimeOffset instant) => Advance(instant - GetUtcNow());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (ManualTimers)
        {
            var manual = new ManualTimer(this, callback, state);
            lock (_manual) _manual.Add(manual);
            manual.Change(dueTime, period);
            return manual;
        }

        if (FireAtOnceUpTo is null)
        {
            Timers.Enqueue(dueTime);
            return System.CreateTimer(callback, state, dueTime, period);
        }

        var timer = new AtOnceTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void FireDueManualTimers()
    {
        List<ManualTimer> due;
        var now = GetUtcNow();
        lock (_manual) due = _manual.Where(t => t.DueAt <= now).ToList();
        foreach (var timer in due) timer.Fire();
    }

    private sealed class ManualTimer(TestClock clock, TimerCallback callback, object? state) : ITimer
    {
        private long _dueAtTicks = DateTimeOffset.MaxValue.UtcTicks;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt => new(Interlocked.Read(ref _dueAtTicks), TimeSpan.Zero);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                Interlocked.Exchange(ref _dueAtTicks, DateTimeOffset.MaxValue.UtcTicks);
                return true;
            }

            clock.Timers.Enqueue(dueTime);
            Interlocked.Exchange(ref _dueAtTicks, (clock.GetUtcNow() + dueTime).UtcTicks);
            if (dueTime <= TimeSpan.Zero) Fire();
            return true;
        }

        public void Fire()
        {
            var next = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero
                ? DateTimeOffset.MaxValue.UtcTicks
                : (clock.GetUtcNow() + _period).UtcTicks;
            Interlocked.Exchange(ref _dueAtTicks, next);
            // On the thread pool, as a real timer would fire.
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        public void Dispose()
        {
            lock (clock._manual) clock._manual.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class AtOnceTimer(TestClock clock, TimerCallback callback, object? state) : ITimer
    {
        private int _fired;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime == Timeout.InfiniteTimeSpan) return true;
            clock.Timers.Enqueue(dueTime);
            if (dueTime <= clock.FireAtOnceUpTo && Interlocked.Exchange(ref _fired, 1) == 0)
            {
                // On the thread pool, as a real timer would fire, never inside CreateTimer itself.
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
