using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Mentions;

/// <summary>How long mentions are kept (<c>Retention</c> section): mentions are personal data, kept only as long as needed.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Months a mention is kept after it was posted. Default 12.</summary>
    [Range(1, 1200)]
    public int KeepMonths { get; set; } = 12;

    /// <summary>Quartz cron expression for the retention run. Default 02:30 every day.</summary>
    [Required]
    public string Schedule { get; set; } = "0 30 2 * * ?";
}
