using System.Text.RegularExpressions;

namespace MentionWatch.Triage;

/// <summary>A rule with its patterns compiled into one regular expression that names the rule when it fires.</summary>
/// <remarks>
/// Expressions are built on first use: a rule's own expression only names the rule after its category's
/// linear-time expression matched, and most rules seldom fire. A category's only rule shares the category's
/// expression. A rule of a larger category names itself with the backtracking interpreter under
/// <see cref="QuickMatchTimeout"/>: each linear-time automaton holds megabytes once it has run (these rules were
/// about 55 MB of a replica's heap), the interpreter almost nothing, and whether a pattern occurs at all does not
/// depend on the engine. Should a text ever make a rule's pattern backtrack past the timeout, the rule switches to
/// its linear-time automaton for good, so no post can make the classifier hang.
/// </remarks>
public sealed class CompiledRule
{
    /// <summary>Far beyond what any pattern of the rules file needs on <see cref="TextNormalizer.MaxChars"/> characters.</summary>
    internal static readonly TimeSpan QuickMatchTimeout = TimeSpan.FromMilliseconds(100);

    private readonly LiteralPrefilter _prefilter;
    private readonly Lazy<Regex> _quick;
    private readonly Lazy<Regex> _linear;
    private volatile bool _slow;

    internal CompiledRule(string id, string reason, Func<Regex> quick, Func<Regex> linear, LiteralPrefilter prefilter)
    {
        _prefilter = prefilter;
        Id = id;
        Reason = reason;
        _quick = new Lazy<Regex>(quick, LazyThreadSafetyMode.ExecutionAndPublication);
        _linear = new Lazy<Regex>(linear, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The rule id quoted in reasons, e.g. <c>D-03</c>.</summary>
    public string Id { get; }

    /// <summary>Why the rule exists, in words a comms officer understands.</summary>
    public string Reason { get; }

    /// <summary>The expression the rule matches with now.</summary>
    internal Regex Regex => _slow ? _linear.Value : _quick.Value;

    /// <summary>The rule's backtracking expression, under <see cref="QuickMatchTimeout"/>.</summary>
    internal Regex Quick => _quick.Value;

    /// <summary>The rule's linear-time expression (the category's, for a category's only rule).</summary>
    internal Regex Linear => _linear.Value;

    /// <summary>Whether any pattern of the rule occurs in the normalised text.</summary>
    public bool IsMatch(string text)
    {
        if (!_prefilter.MightMatch(text))
        {
            return false;
        }

        if (!_slow)
        {
            try
            {
                return _quick.Value.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                _slow = true;
            }
        }

        return _linear.Value.IsMatch(text);
    }
}
