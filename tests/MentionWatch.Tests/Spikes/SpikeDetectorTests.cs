using MentionWatch.Spikes;

namespace MentionWatch.Tests.Spikes;

public sealed class SpikeDetectorTests
{
    private static readonly SpikeDetector Detector = new(new SpikeOptions { MinMentions = 10, Factor = 3, EndFactor = 1.5, BaselineFloor = 1 });

    [Theory]
    // A quiet trust (2 an hour) suddenly gets 30: a spike.
    [InlineData(30, 24, 2, true)]
    // Exactly 3 × the baseline of 4 an hour (48 in 12 hours) with at least 10: a spike (the rule is ≥).
    [InlineData(12, 48, 0, true)]
    // Just under 3 × the baseline: not a spike.
    [InlineData(11, 48, 0, false)]
    // 9 posts from nothing is not a spike: fewer than the minimum, whatever the ratio.
    [InlineData(9, 0, 0, false)]
    // 10 posts from nothing: the baseline floor of 1 an hour makes it 10 ×: a spike.
    [InlineData(10, 0, 0, true)]
    // Busy now, quiet overnight, but just as busy this hour last week (Monday morning): not a spike.
    [InlineData(30, 12, 25, false)]
    // The same hour last week was quiet and so were the last 12 hours: a spike.
    [InlineData(30, 12, 3, true)]
    public void IsSpike_LastHourAgainstBaseline(int lastHour, int previous12Hours, int sameHourLastWeek, bool expected) =>
        Detector.IsSpike(new SpikeCounts(lastHour, previous12Hours, sameHourLastWeek)).ShouldBe(expected);

    [Theory]
    // Back to the usual rate: over.
    [InlineData(2, 2.0, true)]
    // Still more than 1.5 × the starting baseline and at least half the minimum: still on (no flapping).
    [InlineData(8, 4.0, false)]
    // Under 1.5 × the starting baseline: over.
    [InlineData(5, 4.0, true)]
    // Above 1.5 × a floor baseline but under half the minimum (5): over.
    [InlineData(4, 1.0, true)]
    public void HasEnded_LastHourAgainstStartingBaseline(int lastHour, double baselineAtStart, bool expected) =>
        Detector.HasEnded(lastHour, baselineAtStart).ShouldBe(expected);

    [Fact]
    public void Baseline_LargerOfTwelveHourMeanAndLastWeek()
    {
        Detector.Baseline(new SpikeCounts(0, 60, 2)).ShouldBe(5);
        Detector.Baseline(new SpikeCounts(0, 12, 7)).ShouldBe(7);
        Detector.Baseline(new SpikeCounts(0, 0, 0)).ShouldBe(1);
    }
}
