using System.CommandLine;

namespace MentionWatch.Cli;

/// <summary>PLACEHOLDER until the FOI issue lands: the <c>foi</c> verbs.</summary>
internal static class FoiCommands
{
    public static IEnumerable<Command> Create() => [];
}
