using System.Globalization;
using System.Text.RegularExpressions;

namespace MentionWatch.Sources.Feeds;

/// <summary>
/// Feed dates: RFC 3339 (Atom) and RFC 822 (RSS), including the forms real feeds send — two-digit years, no
/// seconds, no weekday, and named zones (<c>GMT</c>, <c>EST</c>, <c>BST</c>…) that .NET's parser refuses.
/// </summary>
public static partial class FeedDates
{
    private static readonly Dictionary<string, string> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = "+0000", ["UTC"] = "+0000", ["GMT"] = "+0000", ["Z"] = "+0000", ["BST"] = "+0100",
        ["EST"] = "-0500", ["EDT"] = "-0400", ["CST"] = "-0600", ["CDT"] = "-0500",
        ["MST"] = "-0700", ["MDT"] = "-0600", ["PST"] = "-0800", ["PDT"] = "-0700",
    };

    private static readonly string[] Rfc822Formats =
    [
        "d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm zzz", "d MMM yy HH:mm:ss zzz", "d MMM yy HH:mm zzz",
    ];

    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var direct)) return direct;

        // RFC 822: drop the weekday, turn a named or +hhmm zone into +hh:mm.
        var match = Rfc822().Match(text);
        if (!match.Success) return null;
        var zone = match.Groups["zone"].Value;
        if (zone.Length == 0) zone = "+0000";
        else if (Zones.TryGetValue(zone, out var offset)) zone = offset;
        else if (zone.Length == 1) zone = "+0000"; // military zones: RFC 1123 says treat as unknown, i.e. UTC
        if (zone.Length == 5) zone = $"{zone[..3]}:{zone[3..]}";
        var candidate = $"{match.Groups["date"].Value} {zone}";
        return DateTimeOffset.TryParseExact(candidate, Rfc822Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed)
            ? parsed
            : null;
    }

    [GeneratedRegex(@"^(?:[A-Za-z]{3},?\s*)?(?<date>\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?)\s*(?<zone>[+-]\d{4}|[A-Za-z]{1,4})?$")]
    private static partial Regex Rfc822();
}
