using System.Globalization;
using System.Text;

namespace MentionWatch.Triage;

/// <summary>
/// Tells the trust's own accounts from accounts that imitate them. A handle is reduced to a "skeleton": case,
/// separators (<c>_ . -</c>), zero-width characters and trailing digits removed, and homoglyphs mapped to one
/// letter (0→o, 1/i/I/|→l, rn→m, Cyrillic look-alikes to Latin). A handle whose skeleton equals an official
/// skeleton, differs by one edit, or is an official skeleton plus words fraudsters add ("official", "uk",
/// "help", "jobs"…) is a lookalike; so is a display name copied from the register or the trust's name, or one
/// that reads "&lt;place&gt; NHS". Accounts in the register are never flagged. Immutable and thread-safe.
/// </summary>
public sealed class LookalikeHandleDetector
{
    private static readonly string[] ImpersonationAffixes =
    [
        "official", "offical", "uk", "help", "helpdesk", "support", "team", "trust", "jobs", "job", "careers", "career",
        "recruit", "recruitment", "recruiting", "hr", "info", "real", "page", "admin", "nhs", "hq", "news", "patients",
        "patient", "care", "ft", "org", "the", "my", "gov", "hospital", "services", "service", "online", "contact", "desk",
    ];

    private readonly HashSet<string> _officialHandles;
    private readonly HashSet<(string Platform, string Handle)> _officialByPlatform;
    private readonly List<string> _officialSkeletons;
    private readonly HashSet<string> _nameSkeletons;
    private readonly List<string> _affixSkeletons;
    private readonly List<string> _placeNhsSkeletons;

    /// <summary>Builds the detector from the trust's register of official accounts and its names.</summary>
    public LookalikeHandleDetector(TrustProfile profile)
    {
        _officialHandles = new HashSet<string>(
            profile.OfficialAccounts.Select(a => a.Handle.Trim().TrimStart('@').ToLowerInvariant()).Where(h => h.Length > 0),
            StringComparer.Ordinal);
        _officialByPlatform = new HashSet<(string, string)>(
            profile.OfficialAccounts.Select(a => (a.Platform.Trim().ToLowerInvariant(), a.Handle.Trim().TrimStart('@').ToLowerInvariant())));
        _officialSkeletons = profile.OfficialAccounts
            .Select(a => Skeleton(a.Handle))
            .Where(s => s.Length >= 4)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        _nameSkeletons = new HashSet<string>(
            new[] { profile.Name }.Concat(profile.Aliases).Concat(profile.OfficialAccounts.Select(a => a.DisplayName ?? ""))
                .Select(Skeleton)
                .Where(s => s.Length >= 4),
            StringComparer.Ordinal);
        // Short acronym aliases ("NCHFT") are handle-like, so they join the official skeletons for prefix checks.
        foreach (var alias in profile.Aliases.Where(a => !a.Contains(' ', StringComparison.Ordinal) && a.Length >= 4))
        {
            var skeleton = Skeleton(alias);
            if (!_officialSkeletons.Contains(skeleton))
            {
                _officialSkeletons.Add(skeleton);
            }
        }

        _affixSkeletons = ImpersonationAffixes.Select(Skeleton).Distinct(StringComparer.Ordinal).OrderByDescending(a => a.Length).ToList();
        // "<place> NHS" and "NHS <place>", skeletonised as whole strings so that joins such as "rn" map the same way.
        _placeNhsSkeletons = new TrustVocabulary(profile).DistinctiveTokens
            .SelectMany(t => new[] { Skeleton(t + "nhs"), Skeleton("nhs" + t) })
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Assesses the author or a mentioned account: official, lookalike or unrelated.</summary>
    /// <remarks>
    /// With a <paramref name="platform"/>, only the register's accounts on that platform count as official: the
    /// Instagram handle reused on X by someone else is an impersonation. Without one, any registered handle does.
    /// </remarks>
    public HandleAssessment Assess(string? handle, string? displayName = null, string? platform = null)
    {
        var bare = (handle ?? "").Trim().TrimStart('@');
        var lower = bare.ToLowerInvariant();
        var official = string.IsNullOrWhiteSpace(platform)
            ? _officialHandles.Contains(lower)
            : _officialByPlatform.Contains((platform.Trim().ToLowerInvariant(), lower));
        if (bare.Length > 0 && official)
        {
            return new HandleAssessment(HandleKind.Official, "in the trust's register of official accounts");
        }

        if (bare.Length > 0 && _officialHandles.Contains(lower))
        {
            return new HandleAssessment(HandleKind.Lookalike, $"handle '{bare}' is an official handle of another platform, not registered on {platform}");
        }

        if (bare.Length > 0)
        {
            var cue = HandleCue(bare);
            if (cue is not null)
            {
                return new HandleAssessment(HandleKind.Lookalike, cue);
            }
        }

        if (!string.IsNullOrWhiteSpace(displayName))
        {
            var cue = DisplayNameCue(displayName);
            if (cue is not null)
            {
                return new HandleAssessment(HandleKind.Lookalike, cue);
            }
        }

        return HandleAssessment.Unrelated;
    }

    /// <summary>
    /// The comparison form of a handle or name: folded, lower case, separators and trailing digits dropped,
    /// homoglyphs mapped so that look-alike spellings collide.
    /// </summary>
    public static string Skeleton(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var folded = value.Length > 200 ? value[..200] : value;
        try
        {
            folded = folded.Normalize(NormalizationForm.FormKD);
        }
        catch (ArgumentException)
        {
            // Malformed surrogates: compare what we have.
        }

        var kept = new StringBuilder(folded.Length);
        // By code point, not UTF-16 unit: invisible tag characters (U+E0000 block) arrive as surrogate pairs, and a
        // lone surrogate reads as U+FFFD.
        foreach (var rune in folded.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
                || rune.Value is '_' or '.' or '-' or ' ' or 0x200B or 0x200C or 0x200D or 0xFEFF or 0x2060
                || IsInvisibleLetter(rune.Value))
            {
                continue;
            }

            if (rune.IsBmp) kept.Append(char.ToLowerInvariant((char)rune.Value));
            else kept.Append(Rune.ToLowerInvariant(rune).ToString());
        }

        // Trailing digits are the commonest way to get a free handle ("trustnhs2"): drop them before digits
        // inside the handle are read as letters (0→o, 1→l).
        var end = kept.Length;
        while (end > 0 && char.IsAsciiDigit(kept[end - 1]))
        {
            end--;
        }

        var sb = new StringBuilder(end);
        for (var i = 0; i < end; i++)
        {
            var c = MapHomoglyph(kept[i]);
            if (c != '\0')
            {
                sb.Append(c);
            }
        }

        return sb.ToString().Replace("rn", "m", StringComparison.Ordinal).Replace("vv", "w", StringComparison.Ordinal);
    }

    // Blank-looking characters that Unicode files as letters or symbols, so no category test removes them: the
    // Hangul fillers, the Braille blank and the Mongolian vowel separator are used to pad copied handles.
    private static bool IsInvisibleLetter(int codePoint) => codePoint is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800 or 0x180E;

    private string? HandleCue(string handle)
    {
        var skeleton = Skeleton(handle);
        if (skeleton.Length < 4)
        {
            return null;
        }

        foreach (var official in _officialSkeletons)
        {
            if (skeleton == official)
            {
                return $"handle '{handle}' is spelled like an official account (look-alike characters, separators or digits) but is not in the register";
            }

            if (official.Length >= 6 && IsWithinOneEdit(skeleton, official))
            {
                return $"handle '{handle}' is one character away from an official account";
            }

            if (skeleton.Length > official.Length
                && (skeleton.StartsWith(official, StringComparison.Ordinal) && IsAffixes(skeleton[official.Length..])
                    || skeleton.EndsWith(official, StringComparison.Ordinal) && IsAffixes(skeleton[..^official.Length])))
            {
                return $"handle '{handle}' is an official account's name with words like 'official', 'UK' or 'help' added";
            }
        }

        foreach (var placeNhs in _placeNhsSkeletons)
        {
            // "<place>nhs…" or "nhs<place>…" reads as the trust even when no official handle is copied exactly.
            if (skeleton.StartsWith(placeNhs, StringComparison.Ordinal) && IsAffixes(skeleton[placeNhs.Length..]))
            {
                return $"handle '{handle}' presents itself as the trust's NHS account";
            }
        }

        return null;
    }

    private string? DisplayNameCue(string displayName)
    {
        var skeleton = Skeleton(StripDecoration(displayName));
        if (skeleton.Length < 4)
        {
            return null;
        }

        if (_nameSkeletons.Contains(skeleton))
        {
            return $"display name '{displayName}' copies the trust's name or an official account's name";
        }

        foreach (var placeNhs in _placeNhsSkeletons)
        {
            if (skeleton.StartsWith(placeNhs, StringComparison.Ordinal))
            {
                return $"display name '{displayName}' presents the account as the trust's NHS account";
            }
        }

        return null;
    }

    // Emoji and brackets around a copied name ("Northmoor NHS 💙", "(Official)") do not make it a different name.
    private static string StripDecoration(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsLetterOrDigit(c) || c == ' ')
            {
                sb.Append(c);
            }
        }

        var text = sb.ToString().Trim();
        foreach (var suffix in new[] { " official", " offical" })
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                text = text[..^suffix.Length];
            }
        }

        return text;
    }

    private bool IsAffixes(string rest)
    {
        if (rest.Length == 0)
        {
            return true;
        }

        foreach (var affix in _affixSkeletons)
        {
            if (rest.StartsWith(affix, StringComparison.Ordinal) && IsAffixes(rest[affix.Length..]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWithinOneEdit(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1 || a == b)
        {
            return false;
        }

        var i = 0;
        var j = 0;
        var edits = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                i++;
                j++;
                continue;
            }

            if (++edits > 1)
            {
                return false;
            }

            if (a.Length > b.Length)
            {
                i++;
            }
            else if (a.Length < b.Length)
            {
                j++;
            }
            else
            {
                i++;
                j++;
            }
        }

        return edits + (a.Length - i) + (b.Length - j) <= 1;
    }

    private static char MapHomoglyph(char c) => c switch
    {
        '_' or '.' or '-' or ' ' or '\u200B' or '\u200C' or '\u200D' or '\uFEFF' or '\u2060' => '\0',
        '0' or 'о' or 'ο' => 'o',
        '1' or 'i' or '|' or '!' or 'і' or 'ι' or 'ӏ' => 'l',
        '3' or 'е' or 'ε' => 'e',
        '4' or '@' or 'а' or 'α' => 'a',
        '5' or '$' or 'ѕ' => 's',
        '7' => 't',
        'р' or 'ρ' => 'p',
        'с' => 'c',
        'х' or 'χ' => 'x',
        'у' => 'y',
        'ν' => 'v',
        'н' => 'h',
        'к' or 'κ' => 'k',
        'м' => 'm',
        'т' or 'τ' => 't',
        'в' => 'b',
        _ => char.IsLetterOrDigit(c) ? c : '\0',
    };
}
