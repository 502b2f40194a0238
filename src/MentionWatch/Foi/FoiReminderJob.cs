using Quartz;

namespace MentionWatch.Foi;

/// <summary>The Quartz job that runs <see cref="FoiReminders"/> every <see cref="FoiOptions.ReminderInterval"/>.</summary>
[DisallowConcurrentExecution]
public sealed class FoiReminderJob(FoiReminders reminders) : IJob
{
    public static readonly JobKey Key = new("foi-reminders", "foi");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await reminders.RaiseDueAsync(cancellationToken);
}
