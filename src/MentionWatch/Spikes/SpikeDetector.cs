namespace MentionWatch.Spikes;

/// <summary>Mentions in one scope: the last hour, the 12 hours before it, and the same hour a week ago.</summary>
public sealed record SpikeCounts(int LastHour, int Previous12Hours, int SameHourLastWeek);

/// <summary>The spike rule of <see cref="SpikeOptions"/>, as pure arithmetic over counts.</summary>
public sealed class SpikeDetector(SpikeOptions options)
{
    /// <summary>The usual hourly rate: the larger of the previous 12 hours' mean and the same hour last week, at least the floor.</summary>
    public double Baseline(SpikeCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return Math.Max(Math.Max(counts.Previous12Hours / 12.0, counts.SameHourLastWeek), options.BaselineFloor);
    }

    /// <summary>Whether the last hour is a spike against its baseline.</summary>
    public bool IsSpike(SpikeCounts counts) =>
        counts.LastHour >= options.MinMentions && counts.LastHour >= options.Factor * Baseline(counts);

    /// <summary>Whether a spike that started against <paramref name="baselineAtStart"/> is over.</summary>
    public bool HasEnded(int lastHour, double baselineAtStart) =>
        lastHour < options.EndFactor * baselineAtStart || lastHour * 2 < options.MinMentions;
}
