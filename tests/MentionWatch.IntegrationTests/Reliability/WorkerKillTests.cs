using System.Diagnostics;
using Npgsql;

namespace MentionWatch.IntegrationTests.Reliability;

[Collection(FaultsCollection.Name)]
public sealed class WorkerKillTests(FaultServersFixture servers, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task WorkerKilledMidConsume_NewWorkerStarted_RedeliveredMessagesDoNotDouble()
    {
        // Half the mentions are there at the start; the other half are posted after the kill.
        const int count = 2000, atStart = count / 2;
        var file = SampleReplay.Write(atStart, "kill");
        var database = await servers.CreateDatabaseAsync();
        await using var queues = servers.NewQueues("k");
        var alertsFile = Path.Combine(Path.GetTempPath(), $"mw-alerts-{Guid.NewGuid():N}.jsonl");
        // Both workers must share the queues, as a replacement pod would.
        var args = Pipeline.Arguments(database, servers.RabbitMq, file, alertsFile,
            [
                .. MentionWatch.Routing.RoutingOptions.Defaults().Keys.Select(team => $"--Routing:Teams:{team}:Delivery=Immediate"),
                .. Outcome.FaultArgs,
                queues.Argument,
            ]);
        await using var db = NpgsqlDataSource.Create(database);

        using (var first = StartWorker(args))
        {
            await Outcome.WaitUntilAsync(db, "select count(*) from verdicts", n => n >= 300, TimeSpan.FromSeconds(120));
            first.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no acknowledgements, no cleanup
            await first.WaitForExitAsync();
        }

        SampleReplay.Append(file, atStart, count - atStart, "kill");
        using var second = StartWorker(args);
        try
        {
            var settled = await Outcome.ShouldBeCompleteAsync(db, count);
            output.WriteLine($"settled: {settled}");
            // A send cut off by the kill is checked with the channel (its file) before it goes again.
            await Outcome.ChannelReceivedEverySentDeliveryAsync(db, alertsFile, settled);
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
            File.Delete(alertsFile);
        }
    }

    /// <summary>The built service (mentionwatch.dll beside the tests) as a process of its own.</summary>
    internal static Process StartWorker(string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mentionwatch.dll"));
        start.ArgumentList.Add("run");
        foreach (var arg in args) start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        // Drain the console channel's output so the worker never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
