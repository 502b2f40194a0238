using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace MentionWatch.Tests.Routing;

/// <summary>Test instants written as Europe/London wall-clock times, so rows read the way a team reads them.</summary>
internal static class London
{
    private static readonly DateTimeZone Zone = MentionWatch.Time.TrustTime.Uk.Zone;

    /// <summary>"2026-11-20T19:00" in London (GMT or BST as the date says).</summary>
    public static DateTimeOffset At(string local) =>
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm").Parse(local).Value.InZoneStrictly(Zone).ToDateTimeOffset();

    public static string Format(DateTimeOffset at) =>
        Instant.FromDateTimeOffset(at).InZone(Zone).ToString("uuuu-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
