using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Polling;

/// <summary>
/// When a source counts as stopped (<c>Polling:Watch</c>). Silent: no successful poll for
/// max(<see cref="SilentMinimum"/>, <see cref="SilentIntervals"/> × its interval). Quiet: polls succeed but nothing new
/// has arrived for max(<see cref="QuietMinimum"/>, <see cref="QuietFactor"/> × the 95th percentile of the gaps between
/// arrivals over <see cref="RhythmWindow"/>), judged only once at least <see cref="RhythmMinimumGaps"/> gaps are known.
/// </summary>
public sealed class SourceWatchOptions
{
    public const string SectionName = "Polling:Watch";

    /// <summary>Whether the watch runs (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often sources are checked (default 1 minute, so an incident is reported within a minute of its threshold).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Team told about stopped sources (default <c>comms</c>, who run the monitoring).</summary>
    [Required]
    public string Team { get; set; } = "comms";

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan SilentMinimum { get; set; } = TimeSpan.FromMinutes(10);

    [Range(1, 100)]
    public int SilentIntervals { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan QuietMinimum { get; set; } = TimeSpan.FromHours(2);

    [Range(1.0, 100.0)]
    public double QuietFactor { get; set; } = 4;

    [Range(typeof(TimeSpan), "1.00:00:00", "90.00:00:00")]
    public TimeSpan RhythmWindow { get; set; } = TimeSpan.FromDays(14);

    [Range(3, 10_000)]
    public int RhythmMinimumGaps { get; set; } = 10;
}
