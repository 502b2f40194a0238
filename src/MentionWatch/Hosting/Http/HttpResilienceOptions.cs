using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Hosting.Http;

/// <summary>
/// How <see cref="ResilienceHandler"/> treats seconds-long transient faults at an HTTP edge (alerts:
/// <c>Alerts:Http</c>). Longer outages are not this layer's job: the caller's own retry (the deliver consumer's
/// redelivery, the next poll) owns them.
/// </summary>
public sealed class HttpResilienceOptions
{
    /// <summary>Configuration section used by the alert channels' HTTP clients.</summary>
    public const string AlertsSectionName = "Alerts:Http";

    /// <summary>Total attempts including the first (default 3). 1 turns retrying off.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Median delay before the first retry; later retries back off exponentially with jitter (default 1 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest backoff between two attempts (default 10 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longest <c>Retry-After</c> this layer waits for (default 30 s). A longer one is not retried here: the response
    /// goes back to the caller, whose own schedule owns longer waits.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout for each attempt (default 15 s); a timed-out attempt is retried.</summary>
    [Range(typeof(TimeSpan), "00:00:00.011", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
