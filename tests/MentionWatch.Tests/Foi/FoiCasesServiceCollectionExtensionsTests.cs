using MentionWatch.Foi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace MentionWatch.Tests.Foi;

public sealed class FoiCasesServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddFoiCases_AfterAnotherAddQuartz_SchedulerHasBothJobsAndTheReminderTrigger()
    {
        // Quartz 4.7.3: a second AddQuartz call adds to the same scheduler rather than replacing the first one's jobs.
        var other = new JobKey("other", "test");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Foi:ReminderInterval"] = "00:00:30" }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddQuartz(q => q.AddJob<FoiReminderJob>(j => j.WithIdentity(other).StoreDurably()));
        services.AddFoiCases(configuration);
        await using var provider = services.BuildServiceProvider();

        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();

        (await scheduler.GetJobDetail(other)).ShouldNotBeNull();
        (await scheduler.GetJobDetail(FoiReminderJob.Key)).ShouldNotBeNull();
        var trigger = (await scheduler.GetTriggersOfJob(FoiReminderJob.Key)).Single().ShouldBeAssignableTo<ISimpleTrigger>()!;
        trigger.RepeatInterval.ShouldBe(TimeSpan.FromSeconds(30));
        await scheduler.Shutdown();
    }
}
