using MentionWatch.Foi;
using MentionWatch.Time;
using NodaTime;
using NodaTime.Extensions;

namespace MentionWatch.Routing;

/// <summary>
/// One team's office hours: opening to closing time on the working days of the trust's own nation, in the trust's
/// time zone (policy 001 §4: 8am–5pm Monday–Friday, excluding public holidays). Pure: every instant is passed in.
/// </summary>
public sealed class OfficeHours(WorkingDayCalendar calendar, TrustTime trustTime, LocalTime opens, LocalTime closes)
{
    /// <summary>The policy default: 08:00–17:00 Monday–Friday, UK time, England and Wales bank holidays.</summary>
    public static OfficeHours Default(UkBankHolidays holidays) => new(
        WorkingDayCalendar.ForDivision(holidays, UkDivision.EnglandAndWales), TrustTime.Uk, new LocalTime(8, 0), new LocalTime(17, 0));

    public WorkingDayCalendar Calendar => calendar;

    /// <summary>The local calendar date of <paramref name="at"/> in the team's time zone.</summary>
    public DateOnly LocalDate(DateTimeOffset at) => trustTime.DateOf(at);

    /// <summary>Whether <paramref name="at"/> falls inside office hours (opening inclusive, closing exclusive).</summary>
    public bool IsOpen(DateTimeOffset at)
    {
        var local = trustTime.InZone(at).LocalDateTime;
        return calendar.IsWorkingDay(local.Date.ToDateOnly()) && local.TimeOfDay >= opens && local.TimeOfDay < closes;
    }

    /// <summary>The first instant at or after <paramref name="at"/> when office hours are open.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset at)
    {
        if (IsOpen(at)) return at;
        var local = trustTime.InZone(at).LocalDateTime;
        var day = local.Date.ToDateOnly();
        if (!calendar.IsWorkingDay(day) || local.TimeOfDay >= closes) day = calendar.NextWorkingDay(day);
        return Opening(day);
    }

    /// <summary>When office hours open on <paramref name="day"/>.</summary>
    public DateTimeOffset Opening(DateOnly day) => At(day, opens);

    /// <summary>When office hours close on <paramref name="day"/>.</summary>
    public DateTimeOffset Closing(DateOnly day) => At(day, closes);

    /// <summary>
    /// The working day an acknowledgement clock counts from: the day of <paramref name="at"/> when it is a working
    /// day and office hours have not yet closed, otherwise the next working day.
    /// </summary>
    public DateOnly ClockStartDay(DateTimeOffset at)
    {
        var local = trustTime.InZone(at).LocalDateTime;
        var day = local.Date.ToDateOnly();
        return calendar.IsWorkingDay(day) && local.TimeOfDay < closes ? day : calendar.NextWorkingDay(day);
    }

    /// <summary>Closing time on the <paramref name="workingDays"/>-th working day after the clock starts (0: the same working day).</summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset at, int workingDays) =>
        Closing(calendar.AddWorkingDays(ClockStartDay(at), workingDays));

    private DateTimeOffset At(DateOnly day, LocalTime time) => trustTime.At(day, time);
}
