using System.Text.RegularExpressions;

namespace MentionWatch.Triage;

/// <summary>A rule with its patterns compiled into one linear-time regular expression.</summary>
/// <remarks>
/// The expression is built on first use: a rule's own expression only names the rule after its category matched,
/// most rules seldom fire, and each linear-time automaton costs memory (all of them together were over 100 MB of a
/// replica's heap). The patterns were already checked when the category's joined expression was compiled.
/// </remarks>
public sealed class CompiledRule
{
    private readonly LiteralPrefilter _prefilter;
    private readonly Lazy<Regex> _regex;

    internal CompiledRule(string id, string reason, Func<Regex> regex, LiteralPrefilter prefilter)
    {
        _prefilter = prefilter;
        Id = id;
        Reason = reason;
        _regex = new Lazy<Regex>(regex, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The rule id quoted in reasons, e.g. <c>D-03</c>.</summary>
    public string Id { get; }

    /// <summary>Why the rule exists, in words a comms officer understands.</summary>
    public string Reason { get; }

    internal Regex Regex => _regex.Value;

    /// <summary>Whether any pattern of the rule occurs in the normalised text.</summary>
    public bool IsMatch(string text) => _prefilter.MightMatch(text) && Regex.IsMatch(text);
}
