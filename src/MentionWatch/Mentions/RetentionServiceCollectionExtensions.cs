using MentionWatch.Time;
using Quartz;

namespace MentionWatch.Mentions;

/// <summary>Registers the retention job on its own Quartz cron trigger.</summary>
public static class RetentionServiceCollectionExtensions
{
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => CronExpression.TryParse(o.Schedule, out _), "Retention:Schedule is not a valid Quartz cron expression.")
            .ValidateOnStart();
        var schedule = configuration.GetValue("Retention:Schedule", new RetentionOptions().Schedule)!;
        var zone = TimeServiceCollectionExtensions.FromConfiguration(configuration).ToTimeZoneInfo();
        services.AddQuartz(q =>
        {
            var key = new JobKey("retention", "maintenance");
            q.AddJob<RetentionJob>(j => j.WithIdentity(key).StoreDurably());
            q.AddTrigger(t => t.ForJob(key).WithIdentity("retention", "maintenance")
                .WithCronSchedule(schedule, c => c.InTimeZone(zone)));
        });
        return services;
    }
}
