using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Sources;

/// <summary>
/// One configured source (<c>Sources:N</c> in configuration): one search on one platform, polled on its own
/// Quartz trigger. Platform-specific settings (query, page id, feed URL, file path, API base address) live in
/// <see cref="Settings"/>; credentials come from the environment or user secrets, never committed files.
/// </summary>
public sealed class SourceSettings
{
    /// <summary>Stable id of the source, e.g. <c>x-trust-mentions</c>: the Quartz job key and the database row.</summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9_-]{0,62}$")]
    public string Id { get; set; } = "";

    /// <summary>Which adapter reads it: <c>replay</c>, <c>x</c>, <c>facebook</c>, <c>instagram</c>, <c>youtube</c>, <c>reddit</c>, <c>rss</c>, <c>careopinion</c>.</summary>
    [Required]
    public string Platform { get; set; } = "";

    /// <summary>Seconds between polls. Default 60; choose per platform quota (see README).</summary>
    [Range(1, 86_400)]
    public int IntervalSeconds { get; set; } = 60;

    /// <summary>Disabled sources are kept (with their cursor) but not polled.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Adapter settings: <c>Path</c>, <c>BaseAddress</c>, <c>Query</c>, <c>PageId</c>, <c>Token</c>…</summary>
    public Dictionary<string, string> Settings { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string? Get(string key) => Settings.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
