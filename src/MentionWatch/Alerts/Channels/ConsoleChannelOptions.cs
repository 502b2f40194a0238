using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Alerts.Channels;

/// <summary>Settings of the <c>console</c> channel (<c>Alerts:Console</c>), used by local runs.</summary>
public sealed class ConsoleChannelOptions
{
    public const string SectionName = "Alerts:Console";

    /// <summary>
    /// File that gets one JSON object per alert per line (default <c>alerts.jsonl</c>, relative to the current
    /// directory). It holds excerpts when teams allow them: keep it out of shared folders.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string JsonlPath { get; set; } = "alerts.jsonl";
}
