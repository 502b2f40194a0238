using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Foi;

/// <summary>Settings of the FOI feature (section <c>Foi</c>): extra bank holidays, the team reminded, how often.</summary>
public sealed class FoiOptions
{
    public const string SectionName = "Foi";

    /// <summary>
    /// A GOV.UK <c>bank-holidays.json</c> file path or http(s) URL (usually <c>https://www.gov.uk/bank-holidays.json</c>)
    /// read once at start; its days are added to the shipped table so an announced one-off day stops the clock.
    /// Empty (the default): the shipped table only. A file or URL that cannot be read is logged and ignored.
    /// </summary>
    public string? BankHolidaysSource { get; set; }

    /// <summary>How long to wait for <see cref="BankHolidaysSource"/> at start before going on without it. Default 15 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan BankHolidaysTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The routing team that receives FOI case reminders. Default <c>foi</c>.</summary>
    [Required]
    public string Team { get; set; } = "foi";

    /// <summary>How often the reminder job looks for reminders to send. Default one minute.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromMinutes(1);
}
