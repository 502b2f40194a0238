using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace MentionWatch.Messaging;

/// <summary>
/// Ends the process when <see cref="BusLivenessCheck"/> finds the bus stuck, so that whatever runs it starts a fresh
/// one: Kubernetes restarts on the failed liveness probe too, but Docker Compose and systemd only restart a process
/// that exits. Looks every <c>Messaging:WatchdogInterval</c> (15 s); <c>Messaging:ExitWhenStuck=false</c> turns it
/// off. The host then exits with <see cref="ExitCode"/> (EX_TEMPFAIL).
/// </summary>
public sealed partial class BusWatchdog(BusLivenessCheck check, IHostApplicationLifetime lifetime, IOptions<MessagingOptions> options, TimeProvider time, ILogger<BusWatchdog> logger)
    : BackgroundService
{
    public const int ExitCode = 75;

    /// <summary>True once the watchdog has stopped the host because the bus was stuck.</summary>
    public bool Tripped { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ExitWhenStuck) return;
        using var timer = new PeriodicTimer(options.Value.WatchdogInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var result = await check.CheckHealthAsync(new HealthCheckContext(), stoppingToken);
            if (result.Status == HealthStatus.Healthy) continue;

            LogStuck(logger, result.Description);
            Tripped = true;
            lifetime.StopApplication();
            return;
        }
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Critical, Message = "Stopping so that a fresh process takes over: {Reason}")]
    private static partial void LogStuck(ILogger logger, string? reason);
}
