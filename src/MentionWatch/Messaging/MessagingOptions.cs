using System.ComponentModel.DataAnnotations;
using MentionWatch.Alerts;
using Microsoft.Extensions.Options;

namespace MentionWatch.Messaging;

/// <summary>RabbitMQ and MassTransit settings (<c>Messaging</c> section); the broker itself is <c>ConnectionStrings:RabbitMq</c>.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>Put before every queue name, so several deployments (or test runs) can share a broker. Default none.</summary>
    public string? QueuePrefix { get; set; }

    /// <summary>
    /// Messages each receive endpoint takes from the broker ahead of consuming them. Default 16 (MassTransit's): 64
    /// measured no better with the bench on two shared cores.
    /// </summary>
    [Range(1, 1000)]
    public int PrefetchCount { get; set; } = 16;

    /// <summary>
    /// Retries of a faulted consume (a database blip, a channel down) before the message goes to its endpoint's
    /// <c>_error</c> queue with the exception. Default 8, which with the intervals below is about a minute and a half.
    /// </summary>
    [Range(0, 20)]
    public int RetryLimit { get; set; } = 8;

    /// <summary>First retry's wait; each retry waits longer, exponentially, up to <see cref="RetryMaxInterval"/>. Default 200 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan RetryMinInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait between retries. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the bus may be down, or up with messages not moving, before liveness fails (<see cref="BusLivenessCheck"/>). Default 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan StuckBusAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether <see cref="BusWatchdog"/> ends the process when the bus is stuck, for supervisors that restart only exited processes. Default true.</summary>
    public bool ExitWhenStuck { get; set; } = true;

    /// <summary>How often <see cref="BusWatchdog"/> looks. Default 15 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan WatchdogInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How the classify consumer batches mentions.</summary>
    [ValidateObjectMembers]
    public ClassifyBatchOptions ClassifyBatch { get; set; } = new();
}

/// <summary>Checks the data annotations of <see cref="MessagingOptions"/> and of its <see cref="MessagingOptions.ClassifyBatch"/>.</summary>
[OptionsValidator]
public sealed partial class MessagingOptionsValidator : IValidateOptions<MessagingOptions>;
