using System.CommandLine;

namespace MentionWatch.Cli;

/// <summary>Verbs that run the service or maintain its database.</summary>
internal static class HostCommands
{
    public static IEnumerable<Command> Create(string[] hostArgs)
    {
        var run = new Command("run", "Run the service: pollers, consumers and the web pages (the default).");
        run.TreatUnmatchedTokensAsErrors = false;
        run.SetAction((_, ct) => RunAsync(hostArgs.Skip(1).ToArray(), ct));
        return [run];
    }

    public static Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        _ = args;
        _ = ct;
        return Task.FromResult(0);
    }
}
