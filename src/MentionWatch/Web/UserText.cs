using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace MentionWatch.Web;

/// <summary>
/// How every piece of text that came from a platform (a post, a handle, a display name, a profile, a requester) is
/// shown, so no page has to remember it: HTML-encoded; isolated in <c>&lt;bdi&gt;</c>, so right-to-left text or a
/// stray control cannot reorder the page around it; the characters that change how text reads without being seen
/// shown as visible markers (<c>[U+202E]</c>, with the character's name as a tooltip); and cut at a length that keeps
/// a page small, saying how much was left out. Which characters are marked depends on <see cref="UserTextKind"/>.
/// </summary>
public static class UserText
{
    private static readonly Dictionary<int, string> Names = new()
    {
        [0x00A0] = "NO-BREAK SPACE", [0x00AD] = "SOFT HYPHEN", [0x034F] = "COMBINING GRAPHEME JOINER", [0x061C] = "ARABIC LETTER MARK",
        [0x115F] = "HANGUL CHOSEONG FILLER", [0x1160] = "HANGUL JUNGSEONG FILLER", [0x180E] = "MONGOLIAN VOWEL SEPARATOR",
        [0x200B] = "ZERO WIDTH SPACE", [0x200C] = "ZERO WIDTH NON-JOINER", [0x200D] = "ZERO WIDTH JOINER",
        [0x200E] = "LEFT-TO-RIGHT MARK", [0x200F] = "RIGHT-TO-LEFT MARK", [0x202A] = "LEFT-TO-RIGHT EMBEDDING",
        [0x202B] = "RIGHT-TO-LEFT EMBEDDING", [0x202C] = "POP DIRECTIONAL FORMATTING", [0x202D] = "LEFT-TO-RIGHT OVERRIDE",
        [0x202E] = "RIGHT-TO-LEFT OVERRIDE", [0x2060] = "WORD JOINER", [0x2066] = "LEFT-TO-RIGHT ISOLATE",
        [0x2067] = "RIGHT-TO-LEFT ISOLATE", [0x2068] = "FIRST STRONG ISOLATE", [0x2069] = "POP DIRECTIONAL ISOLATE",
        [0x2800] = "BRAILLE PATTERN BLANK", [0x3164] = "HANGUL FILLER", [0xFEFF] = "ZERO WIDTH NO-BREAK SPACE", [0xFFA0] = "HALFWIDTH HANGUL FILLER",
    };

    /// <summary>Writes <paramref name="value"/> (or <paramref name="empty"/> when there is none) as described above.</summary>
    public static IHtmlContent Html(string? value, UserTextKind kind, int maxLength, string empty = "")
    {
        var bdi = new TagBuilder("bdi");
        bdi.AddCssClass("user-text");
        if (string.IsNullOrEmpty(value))
        {
            bdi.InnerHtml.Append(empty);
            return bdi;
        }

        var shown = value.Length > maxLength ? value[..CutAt(value, maxLength)] : value;
        var plain = new StringBuilder();
        var marked = 0;
        foreach (var rune in shown.EnumerateRunes())
        {
            if (!Hidden(rune, kind))
            {
                plain.Append(rune.ToString());
                continue;
            }

            bdi.InnerHtml.Append(plain.ToString());
            plain.Clear();
            var code = $"U+{rune.Value:X4}";
            var marker = new TagBuilder("span");
            marker.AddCssClass("hidden-char");
            marker.Attributes["title"] = $"{code} {Name(rune)}: an invisible character that changes how this text looks or reads";
            marker.InnerHtml.Append($"[{code}]");
            bdi.InnerHtml.AppendHtml(marker);
            marked++;
        }

        bdi.InnerHtml.Append(plain.ToString());
        if (marked > 0) bdi.Attributes["data-hidden-chars"] = marked.ToString(CultureInfo.InvariantCulture);
        if (shown.Length < value.Length)
        {
            var note = new TagBuilder("span");
            note.AddCssClass("cut-note");
            note.InnerHtml.Append($"… ({value.Length - shown.Length:N0} more characters not shown here; the whole text is kept in the stored evidence)");
            bdi.InnerHtml.AppendHtml(note);
        }

        return bdi;
    }

    /// <summary>
    /// Marked in every text: controls (except line breaks and tabs), which show as nothing or as boxes, and the bidi
    /// embeddings, overrides and isolates, which make text read differently from what was typed and are not needed
    /// to write any language. Marked in identities as well: every other invisible or format character (zero-width
    /// spaces and joiners, direction marks, fillers, non-ASCII spaces), which make a copy of an official handle
    /// look identical; in a post they are left alone, since emoji sequences and right-to-left languages use them.
    /// </summary>
    public static bool Hidden(Rune rune, UserTextKind kind)
    {
        var value = rune.Value;
        if (value is '\n' or '\r' or '\t') return false;
        var category = Rune.GetUnicodeCategory(rune);
        if (category == UnicodeCategory.Control || value is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069) return true;
        if (kind != UserTextKind.Identity) return false;
        return category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
               || (category == UnicodeCategory.SpaceSeparator && value != ' ')
               || Names.ContainsKey(value);
    }

    private static string Name(Rune rune) => Names.TryGetValue(rune.Value, out var name)
        ? name
        : Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control => "CONTROL CHARACTER",
            _ when rune.Value is >= 0xE0000 and <= 0xE007F => "TAG CHARACTER",
            _ => "FORMAT CHARACTER",
        };

    // Never between the halves of a surrogate pair.
    private static int CutAt(string value, int maxLength) =>
        maxLength > 0 && char.IsLowSurrogate(value[maxLength]) && char.IsHighSurrogate(value[maxLength - 1]) ? maxLength - 1 : maxLength;
}

/// <summary>What a piece of platform text is, which decides which invisible characters are shown as markers.</summary>
public enum UserTextKind
{
    /// <summary>A post, a profile, free text: controls and bidi overrides are marked.</summary>
    Text,

    /// <summary>A handle or display name, checked for fake accounts: every invisible character is marked.</summary>
    Identity,
}
