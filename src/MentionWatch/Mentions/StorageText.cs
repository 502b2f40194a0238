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

    /// <summary>A raw JSON payload for <c>jsonb</c>: also replaces the escaped NUL, which jsonb refuses.</summary>
    public static string CleanJson(string json) => Clean(json)!.Replace("\\u0000", "\\uFFFD", StringComparison.Ordinal);
}
