using NodaTime;
using NodaTime.Extensions;

namespace MentionWatch.Time;

/// <summary>
/// The trust's local time: the one time zone (<see cref="TimeOptions.Zone"/>, UK time by default) in which office
/// hours, FOI dates of receipt, the pages' dates and times and the nightly jobs are read. The database and the
/// messages keep UTC; this is the only place an instant becomes a wall-clock time or a calendar day, and back.
/// </summary>
public sealed class TrustTime(DateTimeZone zone)
{
    /// <summary>UK time (GMT in winter, BST in summer).</summary>
    public const string DefaultZoneId = "Europe/London";

    /// <summary>UK time, for what runs without the service's configuration (the <c>foi due</c> verb, tests).</summary>
    public static TrustTime Uk { get; } = new(DateTimeZoneProviders.Tzdb[DefaultZoneId]);

    public DateTimeZone Zone => zone;

    /// <summary><paramref name="at"/> as a wall-clock time in the trust's zone.</summary>
    public ZonedDateTime InZone(DateTimeOffset at) => at.ToInstant().InZone(zone);

    /// <summary>The calendar day <paramref name="at"/> falls on in the trust's zone.</summary>
    public DateOnly DateOf(DateTimeOffset at) => InZone(at).Date.ToDateOnly();

    /// <summary>Today's date in the trust's zone.</summary>
    public DateOnly Today(TimeProvider time) => DateOf(time.GetUtcNow());

    /// <summary>The instant <paramref name="day"/> starts in the trust's zone, in UTC.</summary>
    public DateTimeOffset StartOf(DateOnly day) => day.ToLocalDate().AtStartOfDayInZone(zone).ToDateTimeOffset().ToUniversalTime();

    /// <summary>
    /// <paramref name="time"/> on <paramref name="day"/>, in UTC; a time skipped when the clocks go forward becomes the
    /// instant after the gap, and one repeated when they go back is the earlier.
    /// </summary>
    public DateTimeOffset At(DateOnly day, LocalTime time) =>
        day.ToLocalDate().At(time).InZoneLeniently(zone).ToDateTimeOffset().ToUniversalTime();

    /// <summary>
    /// A wall-clock time someone typed, in UTC: null when it never happened (skipped when the clocks go forward); the
    /// later of the two when it happened twice (the hour repeated when they go back).
    /// </summary>
    public DateTimeOffset? FromWallClock(LocalDateTime local)
    {
        var mapping = zone.MapLocal(local);
        return mapping.Count == 0 ? null : mapping.Last().ToDateTimeOffset().ToUniversalTime();
    }

    /// <summary>The same zone for APIs that take a <see cref="TimeZoneInfo"/> (Quartz's cron triggers).</summary>
    public TimeZoneInfo ToTimeZoneInfo() => TimeZoneInfo.FindSystemTimeZoneById(zone.Id);
}
