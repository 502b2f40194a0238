using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace MentionWatch.Sources.Http;

/// <summary>
/// Makes a feed with characters XML 1.0 forbids readable: C0 controls, NUL, unpaired surrogates and U+FFFE/U+FFFF,
/// whether raw or as character references (<c>&amp;#x1B;</c>, <c>&amp;#xD83D;</c>), become U+FFFD. Broken feed
/// generators send them, and the XML reader then refuses the whole document, which cost every item in the feed
/// for one bad title, every poll.
/// </summary>
public static partial class XmlCharacters
{
    public static string Clean(string xml)
    {
        var text = NeedsCleaning(xml) ? CleanRaw(xml) : xml;
        return text.Contains("&#", StringComparison.Ordinal) ? CharacterReference().Replace(text, ReplaceIfInvalid) : text;
    }

    private static bool NeedsCleaning(string xml)
    {
        for (var i = 0; i < xml.Length; i++)
        {
            var c = xml[i];
            if (char.IsHighSurrogate(c) && i + 1 < xml.Length && char.IsLowSurrogate(xml[i + 1])) i++;
            else if (!XmlConvert.IsXmlChar(c)) return true;
        }

        return false;
    }

    private static string CleanRaw(string xml)
    {
        var builder = new StringBuilder(xml.Length);
        for (var i = 0; i < xml.Length; i++)
        {
            var c = xml[i];
            if (char.IsHighSurrogate(c) && i + 1 < xml.Length && char.IsLowSurrogate(xml[i + 1])) builder.Append(c).Append(xml[++i]);
            else builder.Append(XmlConvert.IsXmlChar(c) ? c : '\uFFFD');
        }

        return builder.ToString();
    }

    private static string ReplaceIfInvalid(Match match)
    {
        var hex = match.Groups["hex"].Success;
        var digits = hex ? match.Groups["hex"].Value : match.Groups["dec"].Value;
        var valid = int.TryParse(digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                    && (code > 0xFFFF ? code <= 0x10FFFF : XmlConvert.IsXmlChar((char)code));
        return valid ? match.Value : "&#xFFFD;";
    }

    [GeneratedRegex("&#(?:x(?<hex>[0-9A-Fa-f]{1,8})|(?<dec>[0-9]{1,10}));")]
    private static partial Regex CharacterReference();
}
