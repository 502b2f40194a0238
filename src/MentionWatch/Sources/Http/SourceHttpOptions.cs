using System.ComponentModel.DataAnnotations;
using MentionWatch.Hosting.Http;

namespace MentionWatch.Sources.Http;

/// <summary>
/// How the platform adapters talk HTTP (<c>Polling:Http</c>). Seconds-long faults are retried here; anything longer
/// is the poll schedule's job (the next trigger, or the source's backoff when the platform throttles us).
/// </summary>
public sealed class SourceHttpOptions
{
    public const string SectionName = "Polling:Http";

    /// <summary>
    /// Largest response body read (default 8 MiB). A bigger one is cut there and the page is quarantined with the
    /// reason: a runaway or hostile body must not take the worker's memory.
    /// </summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxResponseBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>User-Agent sent to every platform (Reddit requires a unique, descriptive one).</summary>
    [Required]
    public string UserAgent { get; set; } = "dotnet:mentionwatch:v1.0 (NHS trust mention monitoring)";

    /// <summary>
    /// Retry, timeout and circuit breaker for each source (<c>Polling:Http:Resilience</c>). Defaults: 3 attempts,
    /// 15 s per attempt, 429 not retried (it becomes the source's backoff), and a breaker per source that opens for
    /// 2 minutes when half of at least 6 attempts in 5 minutes failed.
    /// </summary>
    public HttpResilienceOptions Resilience { get; set; } = new()
    {
        RetryTooManyRequests = false,
        BreakerFailureRatio = 0.5,
    };
}
