using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace MentionWatch.Foi;

/// <summary>Registers FOI cases, their reminders and the operator's bank-holiday source (section <c>Foi</c>).</summary>
public static class FoiCasesServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="FoiOptions"/>, the bank holidays merged from <see cref="FoiOptions.BankHolidaysSource"/> (read
    /// at start; a bad source is logged and the shipped table used), <see cref="FoiCases"/>, <see cref="FoiCaseService"/>,
    /// <see cref="FoiReminders"/> and the <see cref="FoiReminderJob"/> trigger. Works before or after <c>AddFoiClock</c>.
    /// </summary>
    public static IServiceCollection AddFoiCases(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FoiOptions>().Bind(configuration.GetSection(FoiOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        // Replace, not TryAdd: AddFoiClock registers the shipped table and may already have run.
        services.Replace(ServiceDescriptor.Singleton(LoadBankHolidays));
        services.AddFoiClock();
        services.AddHostedService<BankHolidaysAtStart>();

        services.TryAddSingleton<FoiCases>();
        services.TryAddSingleton<FoiCaseService>();
        services.TryAddScoped<FoiReminders>();

        var interval = configuration.GetValue($"{FoiOptions.SectionName}:{nameof(FoiOptions.ReminderInterval)}", new FoiOptions().ReminderInterval);
        services.AddQuartz(q => AddReminderJob(q, interval));
        return services;
    }

    /// <summary>Adds the reminder job and its trigger to a Quartz configuration.</summary>
    public static void AddReminderJob(IQuartzBuilder quartz, TimeSpan interval)
    {
        quartz.AddJob<FoiReminderJob>(j => j.WithIdentity(FoiReminderJob.Key).StoreDurably());
        quartz.AddTrigger(t => t.ForJob(FoiReminderJob.Key).WithIdentity(FoiReminderJob.Key.Name, FoiReminderJob.Key.Group).StartNow()
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()));
    }

    private static UkBankHolidays LoadBankHolidays(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<FoiOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BankHolidaysLoader).FullName!);
        using var http = new HttpClient { Timeout = options.BankHolidaysTimeout };

        // Resolved once, at start (see BankHolidaysAtStart); the load is bounded by the timeout above.
        return Task.Run(() => BankHolidaysLoader.LoadAsync(options.BankHolidaysSource, http, logger, CancellationToken.None))
            .GetAwaiter().GetResult();
    }

    /// <summary>Resolves the FOI clock while the service starts, so the bank-holiday source is read (and any problem logged) at boot.</summary>
    private sealed class BankHolidaysAtStart(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<FoiClock>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
