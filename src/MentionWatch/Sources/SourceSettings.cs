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

    private int? _intervalSeconds;

    /// <summary>
    /// Seconds between polls. Default: what the platform's quota allows (<see cref="DefaultIntervalSeconds"/>; see
    /// README), 60 for a platform with no quota.
    /// </summary>
    [Range(1, 86_400)]
    public int IntervalSeconds
    {
        get => _intervalSeconds ?? DefaultIntervalSeconds(Platform, Get("Mode"));
        set => _intervalSeconds = value;
    }

    /// <summary>Disabled sources are kept (with their cursor) but not polled.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Adapter settings: <c>Path</c>, <c>BaseAddress</c>, <c>Query</c>, <c>PageId</c>, <c>Token</c>…</summary>
    public Dictionary<string, string> Settings { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Default poll interval per platform: X 5 min (paid per post read; 450 requests/15 min), Reddit 2 min, Facebook
    /// 5 min, Instagram 10 min (hashtag search 1 h: its results cover 24 h), YouTube search 30 min (100 units each out of
    /// 10,000 a day, up to two pages a poll) and comments 5 min, feeds and Care Opinion 15 min.
    /// </summary>
    public static int DefaultIntervalSeconds(string platform, string? mode = null) => (platform, mode?.ToLowerInvariant()) switch
    {
        ("x", _) => 300,
        ("reddit", _) => 120,
        ("facebook", _) => 300,
        ("instagram", "hashtag") => 3600,
        ("instagram", _) => 600,
        ("youtube", "comments") => 300,
        ("youtube", _) => 1800,
        ("rss", _) => 900,
        ("careopinion", _) => 900,
        _ => 60,
    };

    public string? Get(string key) => Settings.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
