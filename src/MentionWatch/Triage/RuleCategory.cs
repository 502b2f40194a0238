using System.Text.RegularExpressions;

namespace MentionWatch.Triage;

/// <summary>
/// All rules of one category. The category's patterns are also joined into a single regular expression so that
/// the common question ("does anything in this category match?") costs one pass over the text; the single rules
/// are only run to name the rule that fired.
/// </summary>
public sealed class RuleCategory
{
    private readonly IReadOnlyList<Regex> _any;
    private readonly LiteralPrefilter _prefilter;

    internal RuleCategory(string name, IReadOnlyList<CompiledRule> rules, IReadOnlyList<Regex> any, LiteralPrefilter prefilter)
    {
        _prefilter = prefilter;
        Name = name;
        Rules = rules;
        _any = any;
    }

    /// <summary>The category name used by the engine, e.g. <c>distress.strong</c>.</summary>
    public string Name { get; }

    /// <summary>The rules of this category, in file order.</summary>
    public IReadOnlyList<CompiledRule> Rules { get; }

    /// <summary>The category's joined expressions (one unless the linear-time engine made us split it).</summary>
    internal IReadOnlyList<Regex> Expressions => _any;

    /// <summary>False only when no pattern of the category can match: a cheap literal search, no regex.</summary>
    public bool MightMatch(string text) => _prefilter.MightMatch(text);

    /// <summary>Whether any pattern of the category occurs in the normalised text.</summary>
    public bool IsMatch(string text)
    {
        if (!_prefilter.MightMatch(text))
        {
            return false;
        }

        foreach (var regex in _any)
        {
            if (regex.IsMatch(text))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How many separate places in the text match the category.</summary>
    public int Count(string text)
    {
        if (!_prefilter.MightMatch(text))
        {
            return 0;
        }

        var count = 0;
        foreach (var regex in _any)
        {
            count += regex.Count(text);
        }

        return count;
    }

    /// <summary>The first rule (in file order) that matches, or null.</summary>
    public CompiledRule? FirstMatch(string text)
    {
        // With one rule the category's expression is the rule's: one pass, not two.
        if (Rules.Count == 1)
        {
            return Rules[0].IsMatch(text) ? Rules[0] : null;
        }

        if (!IsMatch(text))
        {
            return null;
        }

        foreach (var rule in Rules)
        {
            if (rule.IsMatch(text))
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>The text with every match of the category blanked out (used to take idioms and titles out of play).</summary>
    public string Blank(string text)
    {
        if (!_prefilter.MightMatch(text))
        {
            return text;
        }

        foreach (var regex in _any)
        {
            if (regex.IsMatch(text))
            {
                text = regex.Replace(text, " ");
            }
        }

        return text;
    }
}
