using System.CommandLine;
using MentionWatch.Messaging;

namespace MentionWatch.Cli;

/// <summary>Operator verbs for recovering from faults: <c>replay-errors</c>.</summary>
internal static class ReliabilityCommands
{
    public static IEnumerable<Command> Create(string[] hostArgs)
    {
        var queue = new Option<string?>("--queue")
        {
            Description = "The queue whose error queue (QUEUE_error) is replayed. Default: every queue of this service.",
        };
        var max = new Option<int>("--max")
        {
            Description = "Move at most this many messages per queue.",
            DefaultValueFactory = _ => 1000,
        };
        var replay = new Command("replay-errors", "Move messages that failed for good (MassTransit's _error queues) back to their queue, printing why each had failed.");
        replay.TreatUnmatchedTokensAsErrors = false;
        replay.Options.Add(queue);
        replay.Options.Add(max);
        replay.SetAction((pr, ct) => ReplayErrorsAsync(hostArgs, pr.GetValue(queue), pr.GetValue(max), pr.InvocationConfiguration.Output, pr.InvocationConfiguration.Error, ct));
        return [replay];
    }

    private static async Task<int> ReplayErrorsAsync(string[] hostArgs, string? queue, int max, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables().AddCommandLine(hostArgs.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)).ToArray()).Build();
        var broker = configuration.GetConnectionString("RabbitMq");
        if (broker is null)
        {
            await error.WriteLineAsync("ConnectionStrings:RabbitMq is not set.");
            return 2;
        }

        var queues = queue is not null
            ? [queue.EndsWith(ErrorQueueReplayer.ErrorSuffix, StringComparison.Ordinal) ? queue[..^ErrorQueueReplayer.ErrorSuffix.Length] : queue]
            : ServiceQueues.Names(configuration["Messaging:QueuePrefix"]);
        var replayer = new ErrorQueueReplayer(new Uri(broker));
        var total = 0;
        foreach (var name in queues)
        {
            foreach (var moved in await replayer.ReplayAsync(name, max, ct))
            {
                await output.WriteLineAsync($"{moved.Queue}\t{moved.MessageId}\t{moved.Reason}");
                total++;
            }
        }

        await output.WriteLineAsync($"Moved {total} message(s) back from {string.Join(", ", queues.Select(q => q + ErrorQueueReplayer.ErrorSuffix))}.");
        return 0;
    }
}
