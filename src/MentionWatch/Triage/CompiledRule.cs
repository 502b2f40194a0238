using System.Text.RegularExpressions;

namespace MentionWatch.Triage;

/// <summary>A rule with its patterns compiled into one linear-time regular expression.</summary>
public sealed class CompiledRule
{
    private readonly LiteralPrefilter _prefilter;

    internal CompiledRule(string id, string reason, Regex regex, LiteralPrefilter prefilter)
    {
        _prefilter = prefilter;
        Id = id;
        Reason = reason;
        Regex = regex;
    }

    /// <summary>The rule id quoted in reasons, e.g. <c>D-03</c>.</summary>
    public string Id { get; }

    /// <summary>Why the rule exists, in words a comms officer understands.</summary>
    public string Reason { get; }

    internal Regex Regex { get; }

    /// <summary>Whether any pattern of the rule occurs in the normalised text.</summary>
    public bool IsMatch(string text) => _prefilter.MightMatch(text) && Regex.IsMatch(text);
}
