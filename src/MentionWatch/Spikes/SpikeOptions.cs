using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Spikes;

/// <summary>
/// When a rise in mentions counts as a spike (<c>Alerts:Spikes</c>). The rule: in one scope (all mentions, or one
/// label), the last hour has at least <see cref="MinMentions"/> mentions and at least <see cref="Factor"/> times the
/// baseline rate, the baseline being the larger of the previous 12 hours' hourly mean and the same hour last week
/// (never below <see cref="BaselineFloor"/>). It ends when the last hour falls below <see cref="EndFactor"/> times the
/// baseline measured when it started, or below half of <see cref="MinMentions"/>.
/// </summary>
public sealed class SpikeOptions
{
    public const string SectionName = "Alerts:Spikes";

    /// <summary>Whether the spike job runs. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Fewest mentions in the last hour that can make a spike. Default 10.</summary>
    [Range(1, 100_000)]
    public int MinMentions { get; set; } = 10;

    /// <summary>How many times the baseline hourly rate the last hour must reach. Default 3.</summary>
    [Range(1.0, 1000.0)]
    public double Factor { get; set; } = 3.0;

    /// <summary>The spike ends below this many times its starting baseline. Default 1.5 (hysteresis, so it does not flap).</summary>
    [Range(0.0, 1000.0)]
    public double EndFactor { get; set; } = 1.5;

    /// <summary>Lowest baseline hourly rate used, so a quiet trust's first few posts are not a spike. Default 1.</summary>
    [Range(0.0, 1000.0)]
    public double BaselineFloor { get; set; } = 1.0;

    /// <summary>The team told. Default comms.</summary>
    public string Team { get; set; } = "comms";

    /// <summary>How often the job looks. Default 5 minutes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
}
