using MentionWatch.Foi;
using MentionWatch.Hosting;
using MentionWatch.Polling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MentionWatch.Tests.Hosting;

public sealed class GaugeReadingsTests
{
    [Fact]
    public async Task Current_ScrapedOftenWithinTheCachePeriod_ReadsOnce()
    {
        // Nothing listens on port 1: each read fails at once and says so in the log, which counts the reads.
        await using var database = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Timeout=2");
        var clock = new TestClock();
        var log = new CountingLogger();
        var readings = new GaugeReadings(
            database, FoiClock.Default, Microsoft.Extensions.Options.Options.Create(new PollingOptions()),
            Microsoft.Extensions.Options.Options.Create(new MetricsOptions { GaugeCacheDuration = TimeSpan.FromSeconds(15), QueueDepth = false }),
            Microsoft.Extensions.Options.Options.Create(new MentionWatch.Messaging.MessagingOptions()),
            new ConfigurationBuilder().Build(), clock, log);

        readings.Current().ShouldBe(MentionWatch.Metrics.GaugeSnapshot.Empty);
        await Eventually.UntilAsync(() => Task.FromResult(log.Count == 1), "the first read");
        for (var i = 0; i < 10; i++) readings.Current();
        clock.Advance(TimeSpan.FromSeconds(14));
        readings.Current();

        log.Count.ShouldBe(1);

        clock.Advance(TimeSpan.FromSeconds(2));
        readings.Current();
        await Eventually.UntilAsync(() => Task.FromResult(log.Count == 2), "a read once the figures are 15 s old");
    }

    private sealed class CountingLogger : ILogger<GaugeReadings>
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Interlocked.Increment(ref _count);
    }
}
