using System.CommandLine;

namespace MentionWatch.Cli;

/// <summary>
/// The verbs of the one <c>mentionwatch</c> executable. With no verb it runs the service (worker and web pages).
/// </summary>
internal static class CommandLine
{
    public static RootCommand Create(string[] hostArgs)
    {
        var root = new RootCommand("MentionWatch: watches social media for an NHS trust and routes each post to the team that must act.");
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((_, ct) => HostCommands.RunAsync(hostArgs, ct));
        foreach (var command in HostCommands.Create(hostArgs)
                     .Concat(TriageCommands.Create())
                     .Concat(FoiCommands.Create())
                     .Concat(AlertCommands.Create())
                     .Concat(UserCommands.Create())
                     .Concat(SourceCommands.Create())
                     .Concat(ReliabilityCommands.Create(hostArgs)))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}
