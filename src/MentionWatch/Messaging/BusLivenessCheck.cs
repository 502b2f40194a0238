using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace MentionWatch.Messaging;

/// <summary>
/// Liveness (<c>/health/live</c>): fails, so the orchestrator restarts the process, once the message bus has been
/// unhealthy for longer than <c>Messaging:StuckBusAfter</c> (default 2 minutes), or has reported itself healthy that
/// long while messages did not move (<see cref="MessagingProgress"/>). MassTransit has had releases that sometimes
/// never reconnect after a RabbitMQ restart (issue #5692), and 8.5.12 can claim a connection it does not have; a new
/// process connects at once. Stored mentions wait for the sweeper meanwhile, so nothing is lost, only late.
/// Still needed on 8.5.12 with RabbitMQ.Client 7.2.2 (issue 16): the broker-restart test run four times with this check
/// and the watchdog off, one instance throughout, caught up by itself three times (7 to 19 s after the restart); the
/// fourth time the deliver queue had no consumer and publishes timed out, and it had not caught up 300 s later.
/// </summary>
public sealed class BusLivenessCheck(IBusControl bus, MessagingProgress progress, IOptions<MessagingOptions> options, TimeProvider time) : IHealthCheck
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _unhealthySince;
    private DateTimeOffset _healthySince;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var limit = options.Value.StuckBusAfter;
        var now = time.GetUtcNow();
        var healthy = bus.CheckHealth().Status == BusHealthStatus.Healthy;
        DateTimeOffset healthySince;
        lock (_gate)
        {
            if (!healthy)
            {
                _unhealthySince ??= now;
                var down = now - _unhealthySince.Value;
                return down > limit
                    ? HealthCheckResult.Unhealthy($"The message bus has not reconnected for {down:g}; restart the process.")
                    : HealthCheckResult.Healthy($"The message bus is reconnecting (since {_unhealthySince.Value:O}).");
            }

            if (_unhealthySince is not null || _healthySince == default) _healthySince = now;
            _unhealthySince = null;
            healthySince = _healthySince;
        }

        var stalled = await progress.StalledAsync(limit, healthySince, cancellationToken);
        return stalled is null
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"The message bus reports itself connected, but {stalled}; restart the process.");
    }
}
