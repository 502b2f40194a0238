using Microsoft.Extensions.Options;
using Quartz;

namespace MentionWatch.Polling;

/// <summary>Runs <see cref="SourceWatch"/> over the enabled sources on its own Quartz trigger.</summary>
[DisallowConcurrentExecution]
public sealed class SourceWatchJob(SourceWatch watch, IOptions<PollingOptions> polling) : IJob
{
    public static readonly JobKey Key = new("source-watch", "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await watch.CheckAsync(polling.Value.Sources.Where(s => s.Enabled), cancellationToken);

    /// <summary>Adds the job and its trigger to the scheduler (called from the polling registration).</summary>
    public static void Schedule(IQuartzBuilder quartz, IConfiguration configuration)
    {
        var options = new SourceWatchOptions();
        configuration.GetSection(SourceWatchOptions.SectionName).Bind(options);
        if (!options.Enabled) return;
        quartz.AddJob<SourceWatchJob>(j => j.WithIdentity(Key).StoreDurably());
        quartz.AddTrigger(t => t.ForJob(Key).WithIdentity("source-watch", "maintenance").StartNow()
            .WithSimpleSchedule(s => s.WithInterval(options.CheckInterval).RepeatForever()));
    }
}
