using System.Buffers;
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
        if (!IsAscii(source))
        {
            // Compatibility decomposition folds accents, fullwidth and "mathematical" letters that are used to
            // dodge filters; only paid for when the post has non-ASCII characters.
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

        return char.ToLowerInvariant(c);
    }

    private static bool IsAscii(string s)
    {
        foreach (var c in s)
        {
            if (c >= 0x80)
            {
                return false;
            }
        }

        return true;
    }
}
