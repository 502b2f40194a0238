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
        // No FOI requests: their reminder notices would fail too, at a time of their own, and change the count.
        var file = SampleReplay.Write(count, "poison", foiRequests: false);
        // The console channel's file lies under a regular file: every delivery fails until an operator removes it.
        var blocker = Path.Combine(Path.GetTempPath(), $"mw-blocker-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(blocker, "");
        var alertsFile = Path.Combine(blocker, "alerts.jsonl");
        await using var queues = servers.NewQueues("p");
        var prefix = queues.Prefix;
        await using var pipeline = await Pipeline.StartAsync(servers, file, null, null,
            $"--Alerts:Console:JsonlPath={alertsFile}", $"--Messaging:QueuePrefix={prefix}",
            "--Messaging:RetryLimit=1", "--Messaging:RetryMinInterval=00:00:00.010", "--Messaging:RetryMaxInterval=00:00:00.050");
        await pipeline.WaitUntilAsync("select count(*) from verdicts", n => n >= count);
        var alerts = await pipeline.CountAsync("select count(*) from alerts");
        alerts.ShouldBeGreaterThan(0);

        var deliverQueue = ServiceQueues.Names(prefix)[1];
        var replayer = new ErrorQueueReplayer(new Uri(servers.RabbitMq));
        await Eventually.UntilAsync(async () => await replayer.CountAsync(deliverQueue + ErrorQueueReplayer.ErrorSuffix, default) >= alerts, "the failed deliveries to reach the error queue");
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

    [Fact]
    public async Task OneMentionTheDatabaseRejects_OthersInItsBatchClassified_BatchInErrorQueueNamingIt_ReplayedOnceFixed()
    {
        const int count = 12;
        var file = SampleReplay.Write(0, "batch-poison");
        await using var queues = servers.NewQueues("b");
        var prefix = queues.Prefix;
        await using var pipeline = await Pipeline.StartAsync(servers, file, null, null, $"--Messaging:QueuePrefix={prefix}",
            "--Messaging:RetryLimit=1", "--Messaging:RetryMinInterval=00:00:00.010", "--Messaging:RetryMaxInterval=00:00:00.050");
        // The database refuses the verdict of one mention, as a constraint or a corrupt row would.
        await using (var poison = pipeline.Database.CreateCommand(
            """
            create function refuse_poison() returns trigger language plpgsql as $$
            begin
                if (select external_id from mentions where id = new.mention_id) = 'batch-poison-5' then raise exception 'verdict refused for the test'; end if;
                return new;
            end $$;
            create trigger refuse_poison before insert on verdicts for each row execute function refuse_poison();
            """))
        {
            await poison.ExecuteNonQueryAsync();
        }

        // All the mentions arrive in one page, so they are classified in one batch.
        await File.WriteAllTextAsync(file, await File.ReadAllTextAsync(SampleReplay.Write(count, "batch-poison")));
        await pipeline.WaitUntilAsync("select count(*) from verdicts", n => n >= count - 1);
        var classifyQueue = ServiceQueues.Names(prefix)[0];
        var replayer = new ErrorQueueReplayer(new Uri(servers.RabbitMq));
        await Eventually.UntilAsync(async () => await replayer.CountAsync(classifyQueue + ErrorQueueReplayer.ErrorSuffix, default) >= 1, "the poisoned batch to reach the error queue");
        var poisonId = await pipeline.CountAsync("select id from mentions where external_id = 'batch-poison-5'");
        (await pipeline.CountAsync($"select count(*) from verdicts where mention_id = {poisonId}")).ShouldBe(0);
        var alertsBefore = await pipeline.CountAsync("select count(*) from alerts");

        await using (var fix = pipeline.Database.CreateCommand("drop trigger refuse_poison on verdicts"))
        {
            await fix.ExecuteNonQueryAsync();
        }

        var moved = await replayer.ReplayAsync(classifyQueue, 1000, default);

        moved.ShouldNotBeEmpty();
        moved.ShouldAllBe(m => m.Reason.Contains("MentionClassificationException") && m.Reason.Contains($"mention {poisonId}: ") && m.Reason.Contains("verdict refused for the test"));
        await pipeline.WaitUntilAsync("select count(*) from verdicts", n => n >= count);
        await pipeline.WaitUntilAsync("select count(*) from alerts a where not exists (select 1 from deliveries d where d.alert_id = a.id and d.status = 'sent')", n => n == 0);
        (await pipeline.CountAsync("select count(*) from verdicts")).ShouldBe(count);
        (await pipeline.CountAsync(Pipeline.DuplicateAlertsSql)).ShouldBe(0);
        (await pipeline.CountAsync("select count(*) from alerts")).ShouldBeGreaterThanOrEqualTo(alertsBefore);
        (await pipeline.CountAsync("select count(*) from (select alert_id, channel from deliveries group by 1, 2 having count(*) > 1) d")).ShouldBe(0);
        (await replayer.CountAsync(classifyQueue + ErrorQueueReplayer.ErrorSuffix, default)).ShouldBe(0u);
    }
}
