using System.CommandLine;

namespace MentionWatch.Cli;

/// <summary>PLACEHOLDER until the triage issue lands: the <c>classify</c> and <c>eval</c> verbs.</summary>
internal static class TriageCommands
{
    public static IEnumerable<Command> Create() => [];
}
