using MentionWatch.Polling;

namespace MentionWatch.Tests.Polling;

public sealed class SourceAssessmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly SourceWatchOptions Options = new();

    [Theory]
    // Polled a minute ago: fine.
    [InlineData(60, 1, false)]
    // 9 minutes without success at a 1-minute interval: under the 10-minute floor.
    [InlineData(60, 9, false)]
    // 11 minutes at a 1-minute interval: over max(10 min, 3 intervals).
    [InlineData(60, 11, true)]
    // 14 minutes at a 5-minute interval: under 3 intervals (15 min), so one missed poll is not an incident.
    [InlineData(300, 14, false)]
    // 16 minutes at a 5-minute interval: three polls missed.
    [InlineData(300, 16, true)]
    // YouTube search every 30 minutes: 80 minutes is two and a half intervals.
    [InlineData(1800, 80, false)]
    public void Of_MinutesSinceLastSuccess_SilentPastTheLimit(int intervalSeconds, int minutes, bool silent)
    {
        var snapshot = Snapshot(intervalSeconds) with { LastSuccessAt = Now.AddMinutes(-minutes) };

        var assessment = SourceAssessment.Of(snapshot, Now, Options);

        (assessment.Silent is not null).ShouldBe(silent);
    }

    [Fact]
    public void Of_NeverSucceeded_SilentCountsFromWhenTheWatchFirstSawIt()
    {
        var snapshot = Snapshot(60) with { WatchedSince = Now.AddMinutes(-30), LastError = "HTTP 401 from api.x.com: Unauthorized", LastErrorAt = Now.AddMinutes(-1) };

        var assessment = SourceAssessment.Of(snapshot, Now, Options);

        assessment.Silent.ShouldNotBeNull().ShouldContain("never polled successfully");
        assessment.Silent.ShouldContain("HTTP 401");
    }

    [Fact]
    public void Of_ProcessJustRestartedAfterDowntime_NotSilentUntilTheLimitPassesAgain()
    {
        // Down for an hour; restarted two minutes ago; the first poll has not finished yet.
        var snapshot = Snapshot(60) with { LastSuccessAt = Now.AddHours(-1), WatchStartedAt = Now.AddMinutes(-2), LastItemAt = Now.AddHours(-5), GapCount = 20, UsualLongestGap = TimeSpan.FromMinutes(10) };

        var assessment = SourceAssessment.Of(snapshot, Now, Options);

        assessment.Silent.ShouldBeNull();
        assessment.Quiet.ShouldBeNull();
        SourceAssessment.Of(snapshot, Now.AddMinutes(9), Options).Silent.ShouldNotBeNull();
    }

    [Fact]
    public void Of_ThrottledUntilMidnight_SilentAndSaysWhy()
    {
        var snapshot = Snapshot(1800) with
        {
            LastSuccessAt = Now.AddHours(-3),
            BackoffUntil = Now.AddHours(8),
            LastError = "throttled: YouTube quota exceeded",
            LastErrorAt = Now.AddHours(-2),
        };

        SourceAssessment.Of(snapshot, Now, Options).Silent.ShouldNotBeNull().ShouldContain("asked us to wait");
    }

    [Theory]
    // Arrivals every 10 minutes (p95 10 min): 3 hours with nothing is past max(2 h, 4 x 10 min).
    [InlineData(10, 180, 20, true)]
    // Same rhythm, 90 minutes quiet: under the 2-hour floor (a lunch hour is not an incident).
    [InlineData(10, 90, 20, false)]
    // A slow source, usually up to 6 hours between arrivals: 10 hours is normal for it.
    [InlineData(360, 600, 20, false)]
    // ... and 25 hours is not.
    [InlineData(360, 1500, 20, true)]
    // Too little history to know its rhythm: never called quiet.
    [InlineData(10, 1000, 5, false)]
    public void Of_PollingButNothingArrives_QuietOnlyFarPastItsRhythm(int usualGapMinutes, int minutesSinceLastItem, int gaps, bool quiet)
    {
        var snapshot = Snapshot(60) with
        {
            LastSuccessAt = Now.AddMinutes(-1),
            LastItemAt = Now.AddMinutes(-minutesSinceLastItem),
            GapCount = gaps,
            UsualLongestGap = TimeSpan.FromMinutes(usualGapMinutes),
        };

        var assessment = SourceAssessment.Of(snapshot, Now, Options);

        (assessment.Quiet is not null).ShouldBe(quiet);
        assessment.Silent.ShouldBeNull();
    }

    private static SourceSnapshot Snapshot(int intervalSeconds) => new()
    {
        SourceId = "x-trust",
        Platform = "x",
        Interval = TimeSpan.FromSeconds(intervalSeconds),
        WatchedSince = Now.AddDays(-1),
    };
}
