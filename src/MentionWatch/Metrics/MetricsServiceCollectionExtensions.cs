using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MentionWatch.Metrics;

/// <summary>Registers <see cref="MentionWatchMetrics"/> (and the meter factory it needs).</summary>
public static class MetricsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="MentionWatchMetrics"/>: its counters and histograms always, its gauges only where an
    /// <see cref="IGaugeReadings"/> is registered (the service host; not the one-off commands). Idempotent.
    /// </summary>
    public static IServiceCollection AddMentionWatchMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<MentionWatchMetrics>();
        return services;
    }
}
