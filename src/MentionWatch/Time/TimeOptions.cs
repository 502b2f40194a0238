using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Time;

/// <summary>The trust's time zone (<c>Time</c> section).</summary>
public sealed class TimeOptions
{
    public const string SectionName = "Time";

    /// <summary>
    /// IANA id of the zone office hours, FOI dates, the pages and the nightly jobs are read in. Default
    /// <see cref="TrustTime.DefaultZoneId"/> (UK time); every trust in England, Wales, Scotland and Northern Ireland keeps it.
    /// </summary>
    [Required]
    public string Zone { get; set; } = TrustTime.DefaultZoneId;
}
