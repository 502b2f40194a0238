using System.CommandLine;
using MentionWatch.Cli;
using MentionWatch.Messaging;

namespace MentionWatch.IntegrationTests.Reliability;

[Collection(ServersCollection.Name)]
public sealed class PoisonMessageTests(ServersFixture servers)
{
    [Fact]
    public async Task DeliveryFailsForGood_LandsInErrorQueueWithReason_ReplayErrorsDeliversIt()
    {
        const int count = 20;
        var file = SampleReplay.Write(count, "poison");
        // The console channel's file lies under a regular file: every delivery fails until an operator removes it.
        var blocker = Path.Combine(Path.GetTempPath(), $"mw-blocker-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(blocker, "");
        var alertsFile = Path.Combine(blocker, "alerts.jsonl");
        var prefix = $"p{Guid.NewGuid():N}"[..20];
        await using var pipeline = await Pipeline.StartAsync(servers, file, null, null,
            $"--Alerts:Console:JsonlPath={alertsFile}", $"--Messaging:QueuePrefix={prefix}",
            "--Messaging:RetryLimit=1", "--Messaging:RetryMinInterval=00:00:00.010", "--Messaging:RetryMaxInterval=00:00:00.050");
        await pipeline.WaitUntilAsync("select count(*) from verdicts", n => n >= count);
        var alerts = await pipeline.CountAsync("select count(*) from alerts");
        alerts.ShouldBeGreaterThan(0);

        var deliverQueue = ReliabilityCommands.ServiceQueues(prefix)[1];
        var replayer = new ErrorQueueReplayer(new Uri(servers.RabbitMq));
        await WaitUntilAsync(async () => await replayer.CountAsync(deliverQueue + ErrorQueueReplayer.ErrorSuffix, default) >= alerts);
        (await pipeline.CountAsync("select count(*) from deliveries where status = 'failed'")).ShouldBe(alerts);

        // The operator fixes the cause, then replays what failed.
        File.Delete(blocker);
        var output = new StringWriter();
        string[] args = ["replay-errors", "--queue", deliverQueue + ErrorQueueReplayer.ErrorSuffix, $"--ConnectionStrings:RabbitMq={servers.RabbitMq}"];
        var exit = await CommandLine.Create(args).Parse(args).InvokeAsync(new InvocationConfiguration { Output = output });

        exit.ShouldBe(0);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe((int)alerts + 1);
        // Readable: the exception type and the channel's own words, per message.
        lines[0].ShouldContain("AlertDeliveryFailedException");
        lines[0].ShouldContain("was not delivered on: console");
        lines[^1].ShouldStartWith($"Moved {alerts} message(s) back");
        await pipeline.WaitUntilAsync("select count(*) from deliveries where status = 'sent'", n => n >= alerts);
        (await replayer.CountAsync(deliverQueue + ErrorQueueReplayer.ErrorSuffix, default)).ShouldBe(0u);
        (await pipeline.CountAsync("select count(*) from deliveries")).ShouldBe(alerts);
        File.ReadAllLines(alertsFile).Length.ShouldBe((int)alerts);
        File.Delete(alertsFile);
        Directory.Delete(blocker);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the failed messages did not reach the error queue");
            await Task.Delay(200);
        }
    }
}
