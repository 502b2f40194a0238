using System.Buffers;
using System.Text;

namespace MentionWatch.Triage;

/// <summary>
/// A cheap necessary condition for a set of patterns: literal strings of which at least one must occur in the
/// text for any pattern to match. Searching for them is a vectorised multi-string search, far cheaper than running
/// the regular expression, and most posts contain no cue of most categories, so most regex runs are skipped.
/// </summary>
public sealed class LiteralPrefilter
{
    private readonly SearchValues<string>? _values;

    private LiteralPrefilter(SearchValues<string>? values) => _values = values;

    /// <summary>A prefilter that lets every text through (some pattern has no required literal).</summary>
    public static LiteralPrefilter PassAll { get; } = new(null);

    /// <summary>Builds the prefilter for <paramref name="patterns"/>; passes everything if any pattern has no required literal.</summary>
    public static LiteralPrefilter For(IEnumerable<string> patterns)
    {
        var literals = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns)
        {
            var required = RequiredLiterals(pattern);
            if (required is null)
            {
                return PassAll;
            }

            literals.UnionWith(required);
        }

        return literals.Count == 0 ? PassAll : new LiteralPrefilter(SearchValues.Create(literals.ToArray(), StringComparison.Ordinal));
    }

    /// <summary>False only when no pattern can possibly match <paramref name="text"/>.</summary>
    public bool MightMatch(string text) => _values is null || text.AsSpan().IndexOfAny(_values) >= 0;

    /// <summary>
    /// Literals of which one must occur for <paramref name="pattern"/> to match: the longest unquantified literal
    /// run at the top level, or else the alternatives of an unquantified top-level group of plain words.
    /// Null when the pattern has neither (then it cannot be prefiltered).
    /// </summary>
    internal static IReadOnlyList<string>? RequiredLiterals(string pattern)
    {
        string? bestRun = null;
        List<string>? groupAlternatives = null;
        var run = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '|')
            {
                return null; // top-level alternation: no single necessary literal.
            }

            if (c == '(' || c == '[')
            {
                Keep(run, ref bestRun);
                var end = FindClose(pattern, i);
                if (end < 0)
                {
                    return null;
                }

                var quantified = end + 1 < pattern.Length && pattern[end + 1] is '?' or '*' or '+' or '{';
                if (c == '(' && !quantified && groupAlternatives is null)
                {
                    var body = pattern[(i + 1)..end];
                    if (body.StartsWith("?:", StringComparison.Ordinal))
                    {
                        body = body[2..];
                    }

                    // "rates?" still requires "rate": an optional last letter is dropped, not the whole word.
                    var alternatives = body.Split('|').Select(a => a.EndsWith('?') && a.Length > 2 && IsPlain(a[^2]) ? a[..^2] : a).ToArray();
                    if (alternatives.All(a => a.Length >= 2 && a.All(IsPlain)))
                    {
                        groupAlternatives = [.. alternatives];
                    }
                }

                i = end + 1;
                continue;
            }

            if (c == '\\' || c == '.' || c == '^' || c == '$')
            {
                Keep(run, ref bestRun);
                i += c == '\\' ? 2 : 1;
                continue;
            }

            if (c is '?' or '*' or '+' or '{')
            {
                // The atom before a quantifier is optional or repeated: drop it from the run.
                if (run.Length > 0)
                {
                    run.Length--;
                }

                Keep(run, ref bestRun);
                if (c == '{')
                {
                    var close = pattern.IndexOf('}', i);
                    i = close < 0 ? pattern.Length : close + 1;
                }
                else
                {
                    i++;
                }

                continue;
            }

            run.Append(c);
            i++;
        }

        Keep(run, ref bestRun);
        if (bestRun is { Length: >= 3 })
        {
            return [bestRun];
        }

        return groupAlternatives ?? (bestRun is { Length: >= 1 } ? [bestRun] : null);
    }

    private static bool IsPlain(char c) => !"()[]{}|?*+.\\^$".Contains(c, StringComparison.Ordinal);

    private static void Keep(StringBuilder run, ref string? best)
    {
        if (run.Length > (best?.Length ?? 0))
        {
            best = run.ToString();
        }

        run.Clear();
    }

    private static int FindClose(string pattern, int open)
    {
        var depth = 0;
        var inClass = pattern[open] == '[';
        for (var i = open; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++;
                continue;
            }

            if (inClass)
            {
                if (c == ']' && i > open)
                {
                    return i;
                }

                continue;
            }

            if (c == '[')
            {
                var close = FindClose(pattern, i);
                if (close < 0)
                {
                    return -1;
                }

                i = close;
                continue;
            }

            if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }
}
