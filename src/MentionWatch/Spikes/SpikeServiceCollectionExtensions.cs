using MentionWatch.Alerts;
using Quartz;

namespace MentionWatch.Spikes;

/// <summary>Registers spike detection: <see cref="SpikeOptions"/> (validated at start) and the <see cref="SpikeJob"/>.</summary>
public static class SpikeServiceCollectionExtensions
{
    public static IServiceCollection AddSpikes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SpikeOptions>().Bind(configuration.GetSection(SpikeOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    /// <summary>Adds the <see cref="SpikeJob"/>, every <see cref="SpikeOptions.Interval"/>, to the scheduler being configured.</summary>
    public static void AddSpikeJob(this IQuartzBuilder q, IConfiguration configuration) =>
        AlertTimingServiceCollectionExtensions.AddTimingJob<SpikeJob>(q, "spikes",
            configuration.GetValue($"{SpikeOptions.SectionName}:{nameof(SpikeOptions.Interval)}", TimeSpan.FromMinutes(5)));
}
