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

    /// <summary>
    /// Whether a 429 is retried here (default true, as the alert channels want). Platform adapters turn it off: a
    /// throttled platform is the source's backoff to handle, and calling again while throttled extends the block.
    /// </summary>
    public bool RetryTooManyRequests { get; set; } = true;

    /// <summary>
    /// Share of failed attempts within <see cref="BreakerSamplingDuration"/> that opens the circuit (default 0: no
    /// circuit breaker). Platform adapters use one breaker per source, so one dead platform fails fast without
    /// slowing the others.
    /// </summary>
    [Range(0.0, 1.0)]
    public double BreakerFailureRatio { get; set; }

    /// <summary>Attempts needed in the sampling window before the breaker may open (default 6).</summary>
    [Range(2, 1000)]
    public int BreakerMinimumThroughput { get; set; } = 6;

    /// <summary>Window over which the failure ratio is measured (default 5 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "1.00:00:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an open circuit refuses calls before letting one through (default 2 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "1.00:00:00")]
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromMinutes(2);
}
