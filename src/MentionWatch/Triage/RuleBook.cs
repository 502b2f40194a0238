using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MentionWatch.Triage;

/// <summary>
/// The versioned lexicons and patterns of <c>Triage/Rules/rules.json</c>, compiled once. Every category runs with
/// <see cref="RegexOptions.NonBacktracking"/>, so matching is linear in the length of the text whatever the
/// pattern: no post can make the classifier hang (a rule naming itself is bounded too, see <see cref="CompiledRule"/>).
/// Immutable and safe to share between threads.
/// </summary>
public sealed class RuleBook
{
    private const string ResourceSuffix = "Triage.Rules.rules.json";
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    private static readonly Lazy<RuleBook> Embedded = new(LoadEmbedded);

    private readonly Dictionary<string, RuleCategory> _categories;

    private RuleBook(string version, Dictionary<string, RuleCategory> categories)
    {
        Version = version;
        _categories = categories;
    }

    /// <summary>The rules version recorded on every verdict, e.g. <c>rules-2026.11.1</c>.</summary>
    public string Version { get; }

    /// <summary>The rules shipped inside the assembly.</summary>
    public static RuleBook Default => Embedded.Value;

    /// <summary>The category named <paramref name="name"/>; a missing category is a broken rules file.</summary>
    public RuleCategory this[string name] =>
        _categories.TryGetValue(name, out var category)
            ? category
            : throw new InvalidDataException($"The rules file has no rule in category '{name}'.");

    /// <summary>Reads and compiles a rules document.</summary>
    public static RuleBook Load(Stream stream)
    {
        var read = JsonSerializer.Deserialize<RuleDocument>(stream)
                   ?? throw new InvalidDataException("The rules file is empty.");
        // Patterns in other scripts and accented letters are written as a speaker writes them, and folded here the way
        // TextNormalizer folds a post (accents and marks dropped), so they meet the text in the same form.
        var document = read with { Rules = [.. read.Rules.Select(r => r with { Patterns = [.. r.Patterns.Select(Fold)] })] };
        var categories = new Dictionary<string, RuleCategory>(StringComparer.Ordinal);
        // One scanner for every prefilter of the book: each text is searched for all their literals in one pass.
        var scanner = new LiteralScanner(LiteralPrefilter.LiteralsOf(document.Rules.SelectMany(r => r.Patterns)));
        foreach (var group in document.Rules.GroupBy(r => r.Category, StringComparer.Ordinal))
        {
            var definitions = group.ToList();
            var wrapped = definitions.Select(d => d.Patterns.Select(Wrap).ToList()).ToList();
            var any = CompileChunks(group.Key, [.. wrapped.SelectMany(w => w)]);
            var rules = new List<CompiledRule>(definitions.Count);
            for (var i = 0; i < definitions.Count; i++)
            {
                var (definition, patterns) = (definitions[i], wrapped[i]);
                // A category's only rule has the category's expression: share that automaton (each costs megabytes).
                rules.Add(definitions.Count == 1 && any.Count == 1
                    ? new CompiledRule(definition.Id, definition.Reason, () => any[0], () => any[0], LiteralPrefilter.For(definition.Patterns, scanner))
                    : new CompiledRule(definition.Id, definition.Reason, () => CompileQuick(patterns), () => Compile(definition.Id, patterns),
                        LiteralPrefilter.For(definition.Patterns, scanner)));
            }

            categories[group.Key] = new RuleCategory(group.Key, rules, any, LiteralPrefilter.For(definitions.SelectMany(d => d.Patterns), scanner));
        }

        return new RuleBook(document.Version, categories);
    }

    /// <summary>A pattern as <see cref="TextNormalizer"/> would write it: only non-ASCII patterns change.</summary>
    internal static string Fold(string pattern) => System.Text.Ascii.IsValid(pattern) ? pattern : TextNormalizer.Normalize(pattern);

    /// <summary>
    /// Adds word boundaries where a pattern starts or ends with a word character, so "cow" does not fire inside
    /// "cowboy" and rule authors need not write them.
    /// </summary>
    internal static string Wrap(string pattern)
    {
        var sb = new StringBuilder(pattern.Length + 8);
        var first = pattern[0];
        if (char.IsLetterOrDigit(first) || first is '(' or '[')
        {
            sb.Append(@"\b");
        }

        sb.Append("(?:").Append(pattern).Append(')');
        var last = pattern[^1];
        var escaped = pattern.Length > 1 && pattern[^2] == '\\';
        if (char.IsLetterOrDigit(last) || (!escaped && last is ')' or '?' or '+' or '*' or '}'))
        {
            sb.Append(@"\b");
        }

        return sb.ToString();
    }

    /// <summary>
    /// One regex for the whole category when the linear-time engine accepts its size; otherwise the category is
    /// split in halves until each part fits (NonBacktracking caps the automaton it will build).
    /// </summary>
    private static IReadOnlyList<Regex> CompileChunks(string name, List<string> patterns)
    {
        try
        {
            return [Compile(name, patterns)];
        }
        catch (NotSupportedException) when (patterns.Count > 1)
        {
            var half = patterns.Count / 2;
            return [.. CompileChunks(name, patterns[..half]), .. CompileChunks(name, patterns[half..])];
        }
    }

    private static Regex Compile(string name, IEnumerable<string> patterns)
    {
        try
        {
            return new Regex(string.Join('|', patterns), Options);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"Rule or category '{name}' has an invalid pattern: {ex.Message}", ex);
        }
    }

    // The patterns were checked when the category's linear-time expression was compiled.
    private static Regex CompileQuick(IEnumerable<string> patterns) =>
        new(string.Join('|', patterns), RegexOptions.CultureInvariant, CompiledRule.QuickMatchTimeout);

    private static RuleBook LoadEmbedded()
    {
        var assembly = typeof(RuleBook).Assembly;
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(ResourceSuffix, StringComparison.Ordinal))
                   ?? throw new InvalidDataException($"The rules resource *{ResourceSuffix} is not embedded in {assembly.GetName().Name}.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        return Load(stream);
    }

}
