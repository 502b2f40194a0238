using MentionWatch.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MentionWatch.Foi;

/// <summary>Registers the FOI statutory clock and the bank holidays it counts over.</summary>
public static class FoiServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="UkBankHolidays"/> (the shipped table), the UK-wide FOI <see cref="WorkingDayCalendar"/> and
    /// <see cref="FoiClock"/> as singletons, the clock in the host's <see cref="TrustTime"/> (UK time when none is registered). Registered with <c>TryAdd</c> so a host or test can supply its own
    /// <see cref="UkBankHolidays"/> first, e.g. one with announced days merged in from a GOV.UK file.
    /// </summary>
    public static IServiceCollection AddFoiClock(this IServiceCollection services)
    {
        services.TryAddSingleton(UkBankHolidays.Published);
        services.TryAddSingleton(TrustTime.Uk);
        services.TryAddSingleton(sp => new FoiClock(WorkingDayCalendar.ForFoi(sp.GetRequiredService<UkBankHolidays>()), sp.GetRequiredService<TrustTime>()));
        return services;
    }
}
