using System.Text;

namespace MentionWatch.Triage;

/// <summary>
/// A cheap necessary condition for a set of patterns: for each pattern, the sets of literal strings of which one
/// must occur for it to match (in "end (my|his|her) life": "end ", one of "my", "his", "her", and "life"). Whether
/// the literals occur comes from one <see cref="LiteralScanner"/> pass over the text shared by every prefilter of the
/// rule book, so asking costs a few bit tests; most posts contain no cue of most categories, so most regex runs are
/// skipped. A prefilter may let through a text its patterns do not match (the regex decides), never the reverse.
/// </summary>
public sealed class LiteralPrefilter
{
    /// <summary>Sets of required literals per pattern kept at most; the most selective come first.</summary>
    private const int MaxSetsPerPattern = 4;

    private readonly LiteralScanner? _scanner;

    // Per pattern, its required sets; per set, the ids of its literals in the scanner.
    private readonly int[][][] _patterns;

    private LiteralPrefilter(LiteralScanner? scanner, int[][][] patterns)
    {
        _scanner = scanner;
        _patterns = patterns;
    }

    /// <summary>A prefilter that lets every text through (some pattern has no required literal).</summary>
    public static LiteralPrefilter PassAll { get; } = new(null, []);

    /// <summary>Every literal that prefilters for <paramref name="patterns"/> may look for: what a scanner must know.</summary>
    public static IEnumerable<string> LiteralsOf(IEnumerable<string> patterns) =>
        patterns.SelectMany(RequiredLiteralSets).SelectMany(set => set);

    /// <summary>
    /// Builds the prefilter for <paramref name="patterns"/> over <paramref name="scanner"/>, which must know their
    /// literals (<see cref="LiteralsOf"/>); passes everything if any pattern has no required literal.
    /// </summary>
    public static LiteralPrefilter For(IEnumerable<string> patterns, LiteralScanner scanner)
    {
        ArgumentNullException.ThrowIfNull(scanner);
        var compiled = new List<int[][]>();
        foreach (var pattern in patterns)
        {
            var sets = RequiredLiteralSets(pattern);
            if (sets.Count == 0)
            {
                return PassAll;
            }

            compiled.Add(sets.Select(set => set.Select(scanner.IdOf).Distinct().ToArray()).ToArray());
        }

        return compiled.Count == 0 ? PassAll : new LiteralPrefilter(scanner, [.. compiled]);
    }

    /// <summary>False only when no pattern can possibly match <paramref name="text"/>.</summary>
    public bool MightMatch(string text)
    {
        if (_scanner is null)
        {
            return true;
        }

        var found = _scanner.Scan(text);
        foreach (var sets in _patterns)
        {
            if (AllPresent(sets, found))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AllPresent(int[][] sets, ulong[] found)
    {
        foreach (var set in sets)
        {
            if (!AnyPresent(set, found))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AnyPresent(int[] set, ulong[] found)
    {
        foreach (var id in set)
        {
            if ((found[id >> 6] & (1UL << id)) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Every necessary literal set of <paramref name="pattern"/> found (see <see cref="RequiredLiterals"/>), the most
    /// selective first, at most <see cref="MaxSetsPerPattern"/>; empty when the pattern has none. All must be met.
    /// </summary>
    internal static List<IReadOnlyList<string>> RequiredLiteralSets(string pattern) =>
        Candidates(pattern).DistinctBy(set => string.Join('\n', set.Order(StringComparer.Ordinal)), StringComparer.Ordinal)
            .OrderByDescending(set => set.Min(l => l.Length)).ThenBy(set => set.Count).Take(MaxSetsPerPattern).ToList();

    /// <summary>
    /// Literals of which one must occur for <paramref name="pattern"/> to match, or null when the pattern has no
    /// such set (then it cannot be prefiltered). Every necessary set is a candidate: each unquantified literal run at
    /// the top level, and each unquantified group all of whose alternatives have a necessary set of their own (the
    /// union of theirs); a top-level alternation needs one of its alternatives' sets. Of the candidates the most
    /// selective is kept, judged by its shortest literal: in "(no|zero|lack of) (compassion|care|dignity)" that is the
    /// second group, since "no" occurs inside half of all posts and "care" in few.
    /// </summary>
    internal static IReadOnlyList<string>? RequiredLiterals(string pattern) => RequiredLiteralSets(pattern).FirstOrDefault();

    /// <summary>All necessary literal sets of <paramref name="pattern"/>, in the order found.</summary>
    private static List<IReadOnlyList<string>> Candidates(string pattern)
    {
        var candidates = new List<IReadOnlyList<string>>();
        var alternatives = SplitTopLevel(pattern);
        if (alternatives.Count > 1)
        {
            var union = new List<string>();
            foreach (var alternative in alternatives)
            {
                var required = RequiredLiterals(alternative);
                if (required is null)
                {
                    return candidates;
                }

                union.AddRange(required);
            }

            candidates.Add(union.Distinct(StringComparer.Ordinal).ToList());
            return candidates;
        }

        var run = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '(' || c == '[')
            {
                Keep(run, candidates);
                var end = FindClose(pattern, i);
                if (end < 0)
                {
                    return [];
                }

                var quantified = end + 1 < pattern.Length && pattern[end + 1] is '?' or '*' or '+' or '{';
                if (c == '(' && !quantified)
                {
                    var body = pattern[(i + 1)..end];
                    if (body.StartsWith("?:", StringComparison.Ordinal))
                    {
                        body = body[2..];
                    }

                    // Other "(?" constructs (options, lookarounds, named groups) are not looked into.
                    if (!body.StartsWith('?') && RequiredLiterals(body) is { } inner)
                    {
                        candidates.Add(inner);
                    }
                }

                i = end + 1;
                continue;
            }

            if (c == '\\' || c == '.' || c == '^' || c == '$')
            {
                Keep(run, candidates);
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

                Keep(run, candidates);
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

        Keep(run, candidates);
        return candidates;
    }

    /// <summary>The alternatives of <paramref name="pattern"/> split at its top-level bars (one when it has none).</summary>
    private static List<string> SplitTopLevel(string pattern)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++;
            }
            else if (c is '(' or '[')
            {
                var close = FindClose(pattern, i);
                if (close < 0)
                {
                    return [pattern];
                }

                i = close;
            }
            else if (c == '|')
            {
                parts.Add(pattern[start..i]);
                start = i + 1;
            }
        }

        parts.Add(pattern[start..]);
        return parts;
    }

    private static void Keep(StringBuilder run, List<IReadOnlyList<string>> candidates)
    {
        if (run.Length > 0)
        {
            candidates.Add([run.ToString()]);
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
