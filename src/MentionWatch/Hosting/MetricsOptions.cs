using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Hosting;

/// <summary>Settings of <c>/metrics</c> (<c>Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>
    /// Bearer token a scraper must send (<c>Authorization: Bearer …</c>). Without one, <c>/metrics</c> answers only
    /// requests made on this machine (loopback, not forwarded by a proxy). A secret: supply it through the environment
    /// (<c>Metrics__ScrapeToken</c>).
    /// </summary>
    [MinLength(16)]
    public string? ScrapeToken { get; set; }

    /// <summary>How long the gauges' counts (database and broker) are reused between scrapes (default 15 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan GaugeCacheDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Whether the gauges include the queues' depths, read from RabbitMQ over a short connection (default true).</summary>
    public bool QueueDepth { get; set; } = true;
}
