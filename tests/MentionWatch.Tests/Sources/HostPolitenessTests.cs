using MentionWatch.Sources;
using MentionWatch.Sources.Http;

namespace MentionWatch.Tests.Sources;

public sealed class HostPolitenessTests
{
    private static readonly Uri First = new("https://www.careopinion.org.uk/api/v2/opinions?skip=0");
    private static readonly Uri Second = new("https://www.careopinion.org.uk/api/v2/opinions?healthservice=RXX02&skip=0");

    [Fact]
    public async Task WaitTurnAsync_SixRequestsAtOnceFromTwoSources_SpacedSoNoSecondHoldsMoreThanFive()
    {
        var clock = new TestClock { ManualTimers = true };
        var politeness = new HostPoliteness(clock);
        var start = clock.Now;

        // Two sources on one host, three requests each, all asking at the same instant.
        var turns = Enumerable.Range(0, 6).Select(i => politeness.WaitTurnAsync(i % 2 == 0 ? First : Second, 5, CancellationToken.None).AsTask()).ToList();

        // The first goes at once; the others wait on the clock for their turn, a fifth of a second apart plus the margin.
        turns[0].IsCompletedSuccessfully.ShouldBeTrue();
        turns.Skip(1).ShouldAllBe(t => !t.IsCompleted);
        var spacing = HostPoliteness.Spacing(5);
        spacing.ShouldBeGreaterThan(TimeSpan.FromSeconds(0.2));
        clock.Timers.ShouldBe([spacing, spacing * 2, spacing * 3, spacing * 4, spacing * 5]);
        // The sixth is due more than a second after the first: never six in one second.
        (spacing * 5).ShouldBeGreaterThan(TimeSpan.FromSeconds(1));

        clock.Advance(spacing * 4);
        await Task.WhenAll(turns.Take(5));
        turns[5].IsCompleted.ShouldBeFalse();
        clock.Advance(spacing);
        await turns[5];
        clock.Now.ShouldBe(start + spacing * 5);
    }

    [Fact]
    public async Task WaitTurnAsync_NoRate_NeverWaits()
    {
        var clock = new TestClock { ManualTimers = true };
        var politeness = new HostPoliteness(clock);

        for (var i = 0; i < 10; i++) await politeness.WaitTurnAsync(First, null, CancellationToken.None);

        clock.Timers.ShouldBeEmpty();
    }

    [Fact]
    public async Task WaitTurnAsync_HostBackingOff_EverySourceOnItThrottledUntilThenOtherHostsNot()
    {
        var clock = new TestClock();
        var politeness = new HostPoliteness(clock);
        var until = clock.Now.AddMinutes(2);

        politeness.BackOff(new Uri("https://news.example.org/feeds/health.xml"), until, "HTTP 503 with Retry-After");

        var throttled = await Should.ThrowAsync<SourceThrottledException>(
            () => politeness.WaitTurnAsync(new Uri("https://NEWS.example.org/feeds/politics.xml"), null, CancellationToken.None).AsTask());
        throttled.Until.ShouldBe(until);
        await politeness.WaitTurnAsync(new Uri("https://news.example.org:8443/feeds/health.xml"), null, CancellationToken.None);
        await politeness.WaitTurnAsync(new Uri("https://blog.example.org/feed"), null, CancellationToken.None);

        // A shorter backoff does not cut a longer one short.
        politeness.BackOff(new Uri("https://news.example.org/"), clock.Now.AddSeconds(5), "HTTP 429");
        politeness.BackoffUntil(new Uri("https://news.example.org/")).ShouldBe(until);

        clock.Now = until;
        await politeness.WaitTurnAsync(new Uri("https://news.example.org/feeds/politics.xml"), null, CancellationToken.None);
    }
}
