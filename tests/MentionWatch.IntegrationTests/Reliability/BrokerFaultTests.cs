using MentionWatch.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace MentionWatch.IntegrationTests.Reliability;

[Collection(FaultsCollection.Name)]
public sealed class BrokerFaultTests(FaultServersFixture servers, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task RabbitMqStoppedMidRun_Restarted_NothingLostNothingDoubled()
    {
        // Half the mentions are there at the start; the other half are posted while the broker is down.
        const int count = 2000, atStart = count / 2;
        var file = SampleReplay.Write(atStart, "broker-fault");
        var database = await servers.CreateDatabaseAsync();
        // Shared by the instance and its replacement, as a restarted pod keeps its queues.
        await using var queues = servers.NewQueues("b");
        string[] args = [.. Outcome.FaultArgs, queues.Argument, "--Messaging:StuckBusAfter=00:00:10", "--Messaging:ExitWhenStuck=true"];
        // Shared by the instance and its replacement too, as a restarted pod keeps its volume.
        var alertsFile = Path.Combine(Path.GetTempPath(), $"mw-alerts-{Guid.NewGuid():N}.jsonl");
        args = [.. args, $"--Alerts:Console:JsonlPath={alertsFile}"];
        var pipeline = await Pipeline.StartAsync(servers, file, database, null, args);
        try
        {
            // Mid-run: classifying, with alerts still to send.
            await pipeline.WaitUntilAsync("select count(*) from verdicts", n => n >= 200);

            await servers.StopRabbitMqAsync();
            // Store first: polls go on storing what is posted while the broker is down, and leave it unpublished.
            SampleReplay.Append(file, atStart, count - atStart, "broker-fault");
            await pipeline.WaitUntilAsync("select count(*) from mentions", n => n >= count);
            (await pipeline.CountAsync("select count(*) from mentions where published_at is null")).ShouldBeGreaterThan(0);
            (await pipeline.CountAsync("select count(*) from verdicts")).ShouldBeLessThan(count);

            await servers.StartRabbitMqAsync();
            // MassTransit may reconnect by itself. On 8.5.12 it often does, but not always (see BusLivenessCheck):
            // then it claims to be connected while nothing moves, liveness fails, the watchdog ends the process and
            // the supervisor starts a new one: done here by starting a new instance on the same database and queues.
            var reconnected = await CatchesUpOrDiesAsync(pipeline, count, servers);
            output.WriteLine(reconnected ? "the bus reconnected by itself" : $"the instance reported itself not live and was replaced; {await StateAsync(pipeline, servers)}");
            if (!reconnected)
            {
                // Under Docker Compose or systemd nothing reads the liveness probe: the instance ends itself.
                var watchdog = pipeline.Services.GetRequiredService<BusWatchdog>();
                await Eventually.UntilAsync(() => Task.FromResult(watchdog.Tripped), "the stuck instance's watchdog to stop it");
                await pipeline.DisposeAsync();
                // The replacement runs without the watchdog: with a 10 s limit, a busy machine's slow publish confirms
                // could end a healthy instance too, and this test is about the one that was stuck.
                pipeline = await Pipeline.StartAsync(servers, file, database, null, [.. args, "--Messaging:ExitWhenStuck=false"]);
            }

            var settled = await Outcome.ShouldBeCompleteAsync(pipeline.Database, count);
            // Both instances wrote to one console file: every alert in it once.
            await Outcome.ChannelReceivedEverySentDeliveryAsync(pipeline.Database, alertsFile, settled);
        }
        finally
        {
            await pipeline.DisposeAsync();
        }
    }

    /// <summary>True when every mention got its verdict; false when the instance stopped being live first.</summary>
    private static async Task<bool> CatchesUpOrDiesAsync(Pipeline pipeline, int count, FaultServersFixture servers)
    {
        try
        {
            var (caughtUp, _) = await Eventually.ReachesAsync(
                async () => (await pipeline.CountAsync("select count(*) from verdicts") >= count, await pipeline.IsLiveAsync()),
                s => s.Item1 || !s.Item2, "the instance to catch up or report itself not live");
            return caughtUp;
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; {await StateAsync(pipeline, servers)}", e);
        }
    }

    /// <summary>Where the mentions are, and the broker's queues, in one line.</summary>
    private static async Task<string> StateAsync(Pipeline pipeline, FaultServersFixture servers)
    {
        var unpublished = await pipeline.CountAsync("select count(*) from mentions where published_at is null");
        var waiting = await pipeline.CountAsync(
            "select count(*) from mentions m where published_at is not null and not exists (select 1 from verdicts v where v.mention_id = m.id)");
        var queues = (await servers.ListQueuesAsync()).Trim().ReplaceLineEndings("; ");
        return $"mentions unpublished: {unpublished}, published without a verdict: {waiting}; queues (name, ready, unacked, consumers): {queues}";
    }
}
