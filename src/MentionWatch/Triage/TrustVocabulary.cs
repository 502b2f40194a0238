using System.Text.RegularExpressions;

namespace MentionWatch.Triage;

/// <summary>
/// The words that point at this trust, built from its profile (never hard-coded): its name, aliases and official
/// handles (strong references) and the distinctive word of its name, e.g. the place name (a weak reference,
/// since the same word also names roads, football clubs and shops).
/// </summary>
public sealed class TrustVocabulary
{
    // Words that every trust name shares; what is left is what tells this trust apart.
    private static readonly HashSet<string> GenericWords = new(StringComparer.Ordinal)
    {
        "nhs", "trust", "foundation", "community", "health", "healthcare", "hospital", "hospitals", "university",
        "universities", "teaching", "the", "of", "and", "mental", "partnership", "care", "ft", "general", "royal",
        "county", "city", "services", "service", "integrated", "acute", "group", "trusts", "social", "&", "for",
    };

    private readonly Regex? _strong;
    private readonly Regex? _token;

    /// <summary>Builds the vocabulary for <paramref name="profile"/>.</summary>
    public TrustVocabulary(TrustProfile profile)
    {
        var names = new[] { profile.Name }.Concat(profile.Aliases)
            .Select(TextNormalizer.Normalize)
            .Where(n => n.Length >= 3)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var handles = profile.OfficialAccounts
            .Select(a => TextNormalizer.Normalize(a.Handle.TrimStart('@')))
            .Where(h => h.Length >= 3)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        OfficialHandles = new HashSet<string>(handles, StringComparer.Ordinal);

        var strong = names.Concat(handles).OrderByDescending(s => s.Length).Select(Regex.Escape).ToList();
        if (strong.Count > 0)
        {
            _strong = new Regex(@"\b(?:" + string.Join('|', strong) + @")\b", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }

        DistinctiveTokens = names
            .SelectMany(n => n.Split([' ', '-', '.', ',', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length >= 4 && !GenericWords.Contains(w) && w.All(char.IsLetter) && !IsAcronymOnly(w, names))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (DistinctiveTokens.Count > 0)
        {
            _token = new Regex(@"\b(?:" + string.Join('|', DistinctiveTokens.Select(Regex.Escape)) + ")",
                RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
    }

    /// <summary>The official handles, normalised (lower case, no @).</summary>
    public IReadOnlySet<string> OfficialHandles { get; }

    /// <summary>The distinctive words of the trust's names (normalised), e.g. its place name.</summary>
    public IReadOnlyList<string> DistinctiveTokens { get; }

    /// <summary>Whether the normalised text names the trust, an alias or an official handle.</summary>
    public bool HasStrongReference(string text) => _strong?.IsMatch(text) ?? false;

    /// <summary>Whether the normalised text contains the distinctive word of the trust's name (at a word start).</summary>
    public bool HasToken(string text) => _token?.IsMatch(text) ?? false;

    // An alias like "NCHFT" is a strong reference on its own but is not a word to look for inside other words.
    private static bool IsAcronymOnly(string word, List<string> names) =>
        word.Length <= 6 && names.Any(n => n == word) && !names.Any(n => n.Contains(' ', StringComparison.Ordinal) && n.Contains(word, StringComparison.Ordinal));
}
