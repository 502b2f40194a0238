using System.Globalization;

namespace MentionWatch.Web;

/// <summary>
/// Times as the trust's staff read them: UK local time (GMT or BST, said explicitly), while the database keeps UTC.
/// Date filters on the pages are UK calendar days for the same reason.
/// </summary>
public static class UkTime
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static string Format(DateTimeOffset? at, bool seconds = false)
    {
        if (at is not { } value) return "";
        var local = TimeZoneInfo.ConvertTime(value, London);
        var zone = London.IsDaylightSavingTime(local) ? "BST" : "GMT";
        return local.ToString(seconds ? "d MMM yyyy HH:mm:ss" : "d MMM yyyy HH:mm", British) + " " + zone;
    }

    /// <summary>The instant a UK calendar day starts.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, London.GetUtcOffset(midnight)).ToUniversalTime();
    }
}
