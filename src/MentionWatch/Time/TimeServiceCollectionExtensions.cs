using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace MentionWatch.Time;

/// <summary>Registers the trust's one time zone.</summary>
public static class TimeServiceCollectionExtensions
{
    /// <summary>Adds <see cref="TimeOptions"/> (section <c>Time</c>, validated at start) and <see cref="TrustTime"/> built from it once.</summary>
    public static IServiceCollection AddTrustTime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TimeOptions>().Bind(configuration.GetSection(TimeOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => DateTimeZoneProviders.Tzdb.GetZoneOrNull(o.Zone) is not null,
                "Time:Zone is not an IANA time zone id NodaTime knows (UK time is Europe/London).")
            .Validate(_ => configuration["Routing:TimeZone"] is null, "Routing:TimeZone has moved: set Time:Zone instead.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => new TrustTime(DateTimeZoneProviders.Tzdb[sp.GetRequiredService<IOptions<TimeOptions>>().Value.Zone]));
        return services;
    }

    /// <summary>
    /// The zone as configured, for what is set up before the container exists (Quartz triggers, command-line verbs); an
    /// unknown id gives UK time here and fails the options' validation at start.
    /// </summary>
    public static TrustTime FromConfiguration(IConfiguration configuration) =>
        configuration[$"{TimeOptions.SectionName}:{nameof(TimeOptions.Zone)}"] is { Length: > 0 } id && DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is { } zone
            ? new TrustTime(zone)
            : TrustTime.Uk;
}
