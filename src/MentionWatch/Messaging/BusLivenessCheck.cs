using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MentionWatch.Messaging;

/// <summary>
/// Liveness (<c>/health/live</c>): fails once the message bus has been unhealthy for longer than
/// <c>Messaging:StuckBusAfter</c> (default 2 minutes), so the orchestrator restarts the process. MassTransit 8.3.2
/// and later sometimes never reconnect after a RabbitMQ restart (MassTransit issue #5692; the fixed 8.4.1+ needs a
/// RabbitMQ.Client this registry lacks): seen in <c>BrokerFaultTests</c>, the bus made no connection attempt at all
/// after the broker came back, and stopping and starting the bus in-process did not help, while a new process
/// connects at once. Stored mentions wait for the sweeper meanwhile, so nothing is lost, only late.
/// </summary>
public sealed class BusLivenessCheck(IBusControl bus, IConfiguration configuration, TimeProvider time) : IHealthCheck
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _unhealthySince;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var limit = configuration.GetValue("Messaging:StuckBusAfter", TimeSpan.FromMinutes(2));
        var now = time.GetUtcNow();
        var healthy = bus.CheckHealth().Status == BusHealthStatus.Healthy;
        lock (_gate)
        {
            if (healthy)
            {
                _unhealthySince = null;
                return Task.FromResult(HealthCheckResult.Healthy());
            }

            _unhealthySince ??= now;
            return Task.FromResult(now - _unhealthySince.Value > limit
                ? HealthCheckResult.Unhealthy($"The message bus has not reconnected for {now - _unhealthySince.Value:g}; restart the process.")
                : HealthCheckResult.Healthy($"The message bus is reconnecting (since {_unhealthySince.Value:O})."));
        }
    }
}
