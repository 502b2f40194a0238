using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MentionWatch.Sources.Feeds;

/// <summary>
/// The text of a feed element. RSS elements carry entity-encoded HTML. An Atom text construct says what it carries
/// (RFC 4287 §3.1.1): <c>type="text"</c> (the default) is plain text, whose entities the XML reader has already
/// decoded once, so nothing is stripped and nothing decoded again ("&lt;4 hours … &gt;12 hours" stays whole);
/// <c>"html"</c> is entity-escaped HTML, tag-stripped and then decoded; <c>"xhtml"</c> is markup inside the element.
/// Inline tags (<c>&lt;b&gt;</c>, <c>&lt;a&gt;</c>, <c>&lt;span&gt;</c>…) vanish without leaving a space ("in
/// &lt;b&gt;March&lt;/b&gt;." is "in March."); block tags and line breaks separate words.
/// </summary>
public static partial class FeedText
{
    /// <summary>HTML phrasing elements: rendered inside a line, so removing them must not add a space.</summary>
    private static readonly HashSet<string> Inline = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
        "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
    };

    /// <summary>An RSS element (title, description, content:encoded): HTML, tags stripped, entities decoded.</summary>
    public static string? Html(XElement? element) => element is null ? null : Tidy(WebUtility.HtmlDecode(StripTags(element.Value)));

    /// <summary>An Atom text construct (title, summary, content), read as its <c>type</c> says.</summary>
    public static string? Construct(XElement? element)
    {
        if (element is null) return null;
        var type = ((string?)element.Attribute("type"))?.Trim().ToLowerInvariant();
        var text = type switch
        {
            "html" or "text/html" => WebUtility.HtmlDecode(StripTags(element.Value)),
            // The XHTML div and its content, serialised: text nodes come out entity-escaped, so decode after stripping.
            "xhtml" or "application/xhtml+xml" =>
                WebUtility.HtmlDecode(StripTags(string.Concat(element.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting))))),
            _ => element.Value,
        };
        return Tidy(text);
    }

    /// <summary>
    /// Removes each tag (from a <c>&lt;</c> to the next <c>&gt;</c>): an inline element's tag and a comment leave
    /// nothing, any other tag a space; a <c>&lt;</c> with no <c>&gt;</c> after it is text. One pass: the expression
    /// <c>&lt;[^&gt;]*&gt;</c> tried every <c>&lt;</c> to the end of the text, so a feed item of many <c>&lt;</c> and no
    /// <c>&gt;</c> took time in the square of its length.
    /// </summary>
    public static string StripTags(string value)
    {
        var text = new StringBuilder(value.Length);
        var at = 0;
        while (at < value.Length)
        {
            var open = value.IndexOf('<', at);
            var close = open < 0 ? -1 : value.IndexOf('>', open + 1);
            if (close < 0) break;
            text.Append(value, at, open - at);
            if (!LeavesNothing(value.AsSpan(open + 1, close - open - 1))) text.Append(' ');
            at = close + 1;
        }

        return text.Append(value, at, value.Length - at).ToString();
    }

    /// <summary>True for the inside of an inline element's tag (<c>b</c>, <c>/b</c>, <c>a href=…</c>), a comment or a declaration.</summary>
    internal static bool LeavesNothing(ReadOnlySpan<char> tag)
    {
        if (tag.Length > 0 && tag[0] is '!' or '?') return true;
        if (tag.Length > 0 && tag[0] == '/') tag = tag[1..];
        var end = 0;
        while (end < tag.Length && char.IsAsciiLetterOrDigit(tag[end])) end++;
        if (end == 0) return false;
        var rest = tag[end..];
        // "<b>", "<b class=x>", "<b/>": a name, then nothing, a space or a slash; "<ab>" is no inline element.
        return (rest.IsEmpty || rest[0] is ' ' or '\t' or '\r' or '\n' or '/') && Inline.Contains(tag[..end].ToString());
    }

    private static string? Tidy(string text)
    {
        text = Spaces().Replace(text, " ").Trim();
        return text.Length == 0 ? null : text;
    }

    [GeneratedRegex(@"[ \t\f\v]+")]
    private static partial Regex Spaces();
}
