using System.Globalization;
using MentionWatch.Time;
using NodaTime;
using NodaTime.Text;

namespace MentionWatch.Web;

/// <summary>
/// Times as the trust's staff read and type them: local time in the trust's zone (UK time: GMT or BST, said
/// explicitly), while the database keeps UTC. Date filters on the pages are local calendar days for the same reason.
/// </summary>
public sealed class UkTime(TrustTime local)
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");
    private static readonly LocalDateTimePattern[] InputPatterns =
        [LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm"), LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss")];

    /// <summary>"6 Oct 2025 10:00 BST"; empty for no time.</summary>
    public string Format(DateTimeOffset? at, bool seconds = false)
    {
        if (at is not { } value) return "";
        var zoned = local.InZone(value);
        return zoned.ToString(seconds ? "d MMM yyyy HH:mm:ss" : "d MMM yyyy HH:mm", British) + " " + zoned.GetZoneInterval().Name;
    }

    /// <summary>The instant a local calendar day starts.</summary>
    public DateTimeOffset StartOf(DateOnly day) => local.StartOf(day);

    /// <summary>The value of a <c>datetime-local</c> input showing <paramref name="at"/> in local time.</summary>
    public string LocalInput(DateTimeOffset at) => InputPatterns[0].Format(local.InZone(at).LocalDateTime);

    /// <summary>
    /// Reads a <c>datetime-local</c> value as local time (GMT or BST, whichever was in force). A time that never
    /// happened (the hour skipped when the clocks go forward) is refused; a time that happened twice (the hour
    /// repeated when they go back) is read as the later, GMT one.
    /// </summary>
    public bool TryParseLocal(string? text, out DateTimeOffset at)
    {
        at = default;
        var trimmed = text?.Trim() ?? "";
        foreach (var pattern in InputPatterns)
        {
            if (pattern.Parse(trimmed) is { Success: true } parsed && local.FromWallClock(parsed.Value) is { } instant)
            {
                at = instant;
                return true;
            }
        }

        return false;
    }
}
