namespace MentionWatch.TestKit;

/// <summary>
/// Waits for asynchronous work (another process, the broker, a consumer) to reach a state. The limit is only a bound
/// on a test that would otherwise hang: generous, and never what a test asserts. The wait ends as soon as the
/// state is reached, so a fast machine loses nothing by it.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromMinutes(3);

    // MENTIONWATCH_TEST_TRACE=FILE appends every reading, with the time, to FILE: where a slow test spends its time.
    private static readonly string? TraceFile = Environment.GetEnvironmentVariable("MENTIONWATCH_TEST_TRACE");
    private static readonly Lock TraceLock = new();

    /// <summary>Reads <paramref name="read"/> until <paramref name="done"/> holds; returns that reading.</summary>
    /// <exception cref="TimeoutException">One line naming what was awaited and the last value read.</exception>
    public static async Task<T> ReachesAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? limit = null, TimeSpan? every = null)
    {
        var bound = limit ?? DefaultLimit;
        var started = System.Diagnostics.Stopwatch.StartNew();
        T value = default!;
        Exception? last = null;
        while (true)
        {
            try
            {
                value = await read();
                last = null;
                TraceReading(what, value);
                if (done(value)) return value;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or IOException or HttpRequestException)
            {
                // A server on its way back (a fault test restarts it): ask again.
                last = e;
            }

            if (started.Elapsed > bound)
            {
                throw new TimeoutException($"waited {bound.TotalSeconds:0} s for {what}; last seen: {(last is null ? value : last.Message)}");
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? limit = null) =>
        ReachesAsync(condition, c => c, what, limit);

    private static void TraceReading<T>(string what, T value)
    {
        if (TraceFile is null) return;
        lock (TraceLock) File.AppendAllText(TraceFile, $"{DateTime.UtcNow:HH:mm:ss.f} {what}: {value}\n");
    }
}
