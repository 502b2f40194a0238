using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Mentions;

/// <summary>
/// How long personal data is kept (<c>Retention</c> section): mentions and everything made from them, quarantined
/// payloads, notices, FOI cases and the console channel's alert file each have a period, and the nightly run purges
/// what is past it.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Months a mention (with its verdicts, alerts, deliveries and notes) is kept after it was posted. Default 12.</summary>
    [Range(1, 1200)]
    public int KeepMonths { get; set; } = 12;

    /// <summary>
    /// Months a mention whose alert is still open is kept: an open alert delays its deletion, but not for ever. Default
    /// 24. (Legal hold and an FOI case still running keep it for as long as they last.)
    /// </summary>
    [Range(1, 1200)]
    public int KeepOpenAlertMonths { get; set; } = 24;

    /// <summary>Days a quarantined payload (a post or page that could not be read) is kept for an operator to look at. Default 90.</summary>
    [Range(1, 3650)]
    public int QuarantineDays { get; set; } = 90;

    /// <summary>Years an FOI case is kept after it was closed or withdrawn. Default 3.</summary>
    [Range(1, 100)]
    public int FoiCaseYears { get; set; } = 3;

    /// <summary>Quartz cron expression for the retention run. Default 02:30 every day.</summary>
    [Required]
    public string Schedule { get; set; } = "0 30 2 * * ?";
}
