using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text;

namespace MentionWatch.Triage;

/// <summary>
/// Turns a post into the one form every rule is written against: lower case, accents and compatibility forms
/// folded, apostrophes dropped ("can't" becomes "cant", so rules need one spelling), zero-width characters
/// removed and whitespace collapsed to single spaces. Only the first <see cref="MaxChars"/> characters are
/// considered, which bounds the cost of any post.
/// </summary>
public static class TextNormalizer
{
    /// <summary>How much of a post is looked at; longer posts are cut here (rules look for cues, not totals).</summary>
    public const int MaxChars = 10_000;

    /// <summary>Normalises <paramref name="text"/> for matching.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var source = text.Length > MaxChars ? text[..MaxChars] : text;
        if (Ascii.IsValid(source))
        {
            return NormalizeAscii(source);
        }

        // Compatibility decomposition folds accents, fullwidth and "mathematical" letters that are used to
        // dodge filters; only paid for when the post has non-ASCII characters.
        if (NeedsCompatibilityFold(source))
        {
            try
            {
                source = source.Normalize(NormalizationForm.FormKD);
            }
            catch (ArgumentException)
            {
                // Lone surrogates cannot be normalised; match the text as it came.
            }
        }

        var buffer = ArrayPool<char>.Shared.Rent(source.Length);
        try
        {
            var length = 0;
            var pendingSpace = false;
            foreach (var c in source)
            {
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = length > 0;
                    continue;
                }

                var mapped = Map(c);
                if (mapped == '\0')
                {
                    continue;
                }

                if (pendingSpace)
                {
                    buffer[length++] = ' ';
                    pendingSpace = false;
                }

                buffer[length++] = mapped;
            }

            return new string(buffer, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The common case, a post in plain ASCII: lower-cased in one vectorised pass; the character loop only runs when
    /// there is an apostrophe to drop or whitespace other than single spaces to collapse.
    /// </summary>
    private static string NormalizeAscii(string source)
    {
        var lower = string.Create(source.Length, source, static (span, s) => Ascii.ToLower(s, span, out _));
        var span = lower.AsSpan();
        if (span.IndexOfAny(AsciiToFix) < 0 && !span.Contains("  ", StringComparison.Ordinal)
            && (span.Length == 0 || (span[0] != ' ' && span[^1] != ' ')))
        {
            return lower;
        }

        var buffer = ArrayPool<char>.Shared.Rent(span.Length);
        try
        {
            var length = 0;
            var pendingSpace = false;
            foreach (var c in span)
            {
                if (c is '\'' or '`')
                {
                    continue;
                }

                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = length > 0;
                    continue;
                }

                if (pendingSpace)
                {
                    buffer[length++] = ' ';
                    pendingSpace = false;
                }

                buffer[length++] = c;
            }

            return new string(buffer, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Whether any character of <paramref name="text"/> changes under compatibility decomposition. Emoji, curly quotes
    /// and dashes do not, and asking ICU about the whole string costs more than the rest of the classifier's work.
    /// </summary>
    private static bool NeedsCompatibilityFold(string text)
    {
        var folds = FoldingCodePoints.Value;
        for (var i = 0; i < text.Length; i++)
        {
            int codePoint = text[i];
            if (codePoint < 0x80)
            {
                continue;
            }

            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoint = char.ConvertToUtf32(text[i], text[++i]);
            }

            if (codePoint >= folds.Length || folds[codePoint])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Code points below U+20000 that compatibility decomposition changes, worked out once from ICU.</summary>
    private static readonly Lazy<BitArray> FoldingCodePoints = new(() =>
    {
        var folds = new BitArray(0x20000);
        for (var codePoint = 0x80; codePoint < folds.Length; codePoint++)
        {
            if (codePoint is >= 0xD800 and <= 0xDFFF)
            {
                folds[codePoint] = true; // a lone surrogate: let the slow path deal with it
                continue;
            }

            try
            {
                folds[codePoint] = !char.ConvertFromUtf32(codePoint).IsNormalized(NormalizationForm.FormKD);
            }
            catch (ArgumentException)
            {
                folds[codePoint] = true; // a noncharacter ICU refuses: the slow path copes
            }
        }

        return folds;
    });

    /// <summary>ASCII characters the fast path cannot leave as they are: apostrophes and whitespace other than a space.</summary>
    private static readonly SearchValues<char> AsciiToFix = SearchValues.Create("'`\t\n\v\f\r\x1c\x1d\x1e\x1f");

    private static char Map(char c)
    {
        if (c < 0x80)
        {
            return c switch
            {
                '\'' or '`' => '\0',
                >= 'A' and <= 'Z' => (char)(c + 32),
                _ => c,
            };
        }

        switch (c)
        {
            case '\u2019' or '\u2018' or '\u02BC' or '\u00B4' or '\u2032':
            case '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD' or '\u180E':
                return '\0';
            case '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB':
                return '"';
            case '\u2013' or '\u2014' or '\u2011' or '\u2012' or '\u2212':
                return '-';
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format)
        {
            return '\0';
        }

        return LowerCaseChanges.Value[c] ? char.ToLowerInvariant(c) : c;
    }

    /// <summary>
    /// The UTF-16 units that <see cref="char.ToLowerInvariant"/> changes, worked out once: most non-ASCII characters in
    /// posts (emoji halves, letters of scripts without case, already lower-case letters) do not change, and asking
    /// the culture data about each of them was a fifth of the classifier's time on posts with emoji.
    /// </summary>
    private static readonly Lazy<BitArray> LowerCaseChanges = new(() =>
    {
        var changes = new BitArray(char.MaxValue + 1);
        for (var c = 0; c <= char.MaxValue; c++)
        {
            changes[c] = char.ToLowerInvariant((char)c) != c;
        }

        return changes;
    });
}
