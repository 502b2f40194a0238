using System.Text;

namespace MentionWatch.Mentions;

/// <summary>
/// Makes hostile text storable in PostgreSQL without changing what a reader sees: NUL characters (which
/// <c>text</c> and <c>jsonb</c> refuse) and unpaired surrogates (which are not valid UTF-8) become U+FFFD.
/// </summary>
public static class StorageText
{
    public static string? Clean(string? value)
    {
        if (value is null) return null;
        var clean = true;
        for (var i = 0; i < value.Length && clean; i++)
        {
            var c = value[i];
            if (c == '\0') clean = false;
            else if (char.IsHighSurrogate(c)) { if (i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++; else clean = false; }
            else if (char.IsLowSurrogate(c)) clean = false;
        }

        if (clean) return value;
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { builder.Append(c).Append(value[++i]); }
            else if (c == '\0' || char.IsSurrogate(c)) builder.Append('\uFFFD');
            else builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// A raw JSON payload for <c>jsonb</c> and for parsers: also replaces the escapes that jsonb and System.Text.Json
    /// refuse, <c>\u0000</c> and an escaped surrogate without its other half (an emoji cut in two), with
    /// <c>\uFFFD</c>. Escaped backslashes are skipped, so the text <c>\\u0000</c> is left alone.
    /// </summary>
    public static string CleanJson(string json)
    {
        var text = Clean(json)!;
        if (!text.Contains("\\u", StringComparison.Ordinal)) return text;
        StringBuilder? builder = null;
        var copied = 0;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (text[i] != '\\') continue;
            if (text[i + 1] != 'u' || EscapedUnit(text, i) is not { } unit) { i++; continue; }
            var bad = unit == 0
                      || (char.IsHighSurrogate(unit) && !(EscapedUnit(text, i + 6) is { } low && char.IsLowSurrogate(low)))
                      || char.IsLowSurrogate(unit);
            if (char.IsHighSurrogate(unit) && !bad) { i += 11; continue; }
            if (bad)
            {
                builder ??= new StringBuilder(text.Length);
                builder.Append(text, copied, i - copied).Append("\\uFFFD");
                copied = i + 6;
            }

            i += 5;
        }

        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    // The UTF-16 unit of a \uXXXX escape starting at index, or null when there is none.
    private static char? EscapedUnit(string text, int index) =>
        index + 6 <= text.Length && text[index] == '\\' && text[index + 1] == 'u'
        && ushort.TryParse(text.AsSpan(index + 2, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var unit)
            ? (char)unit
            : null;
}
