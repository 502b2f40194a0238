using MentionWatch.Time;

namespace MentionWatch.Foi;

/// <summary>
/// The Freedom of Information Act statutory clock: when a request was received, when the answer is due, how many
/// working days are left, and the due date after an extension or a clarification. Pure: "now" is always passed in.
/// </summary>
/// <remarks>
/// FOIA s.10(1): the authority must comply "promptly and in any event not later than the twentieth working day
/// following the date of receipt". ICO guidance: the date of receipt is the day the request arrives, whatever the
/// hour and whether or not that day is itself a working day; day one is the first working day after it and the due
/// date is the 20th working day. A request posted on social media is received when it is posted (the platform's
/// posted time, taken in the trust's time zone: UK time), not when MentionWatch or a person first saw it.
/// </remarks>
public sealed class FoiClock
{
    /// <summary>FOIA s.10(1): twenty working days following the date of receipt.</summary>
    public const int ResponseWorkingDays = 20;

    /// <summary>
    /// ICO guidance on s.10(3) public-interest extensions: no more than a further 20 working days (40 in total).
    /// </summary>
    public const int MaxExtensionWorkingDays = 20;

    private static readonly Lazy<FoiClock> Shipped = new(() => new FoiClock(WorkingDayCalendar.ForFoi(UkBankHolidays.Published), TrustTime.Uk));

    private readonly TrustTime _local;

    /// <summary>Creates a clock counting over <paramref name="calendar"/>, normally <see cref="WorkingDayCalendar.ForFoi"/>, in the trust's time zone.</summary>
    public FoiClock(WorkingDayCalendar calendar, TrustTime local)
    {
        Calendar = calendar;
        _local = local;
    }

    /// <summary>A clock over the shipped bank-holiday table with no announced days added, in UK time.</summary>
    public static FoiClock Default => Shipped.Value;

    /// <summary>The working-day calendar this clock counts over.</summary>
    public WorkingDayCalendar Calendar { get; }

    /// <summary>The date of receipt: the trust's calendar date of <paramref name="receivedAt"/> (a post's <c>PostedAt</c>).</summary>
    public DateOnly ReceivedOn(DateTimeOffset receivedAt) => _local.DateOf(receivedAt);

    /// <summary>Today's date in the trust's time zone, for comparing against a due date.</summary>
    public DateOnly Today(TimeProvider time) => _local.Today(time);

    /// <summary>The due date of a request received at <paramref name="receivedAt"/>: the 20th working day after the date of receipt.</summary>
    public DateOnly DueDate(DateTimeOffset receivedAt) => DueDate(ReceivedOn(receivedAt));

    /// <summary>The due date of a request received on <paramref name="receivedOn"/> (a date in the trust's time zone).</summary>
    public DateOnly DueDate(DateOnly receivedOn) => Calendar.AddWorkingDays(receivedOn, ResponseWorkingDays);

    /// <summary>
    /// The due date after the 20 working days restart on receipt of the clarification the authority asked for.
    /// </summary>
    /// <remarks>FOIA s.1(3) and s.10(6)(b): when the authority reasonably asks for further information, the date of receipt becomes the day it arrives, so the 20 working days start afresh from the working day after.</remarks>
    public DateOnly RestartFromClarification(DateTimeOffset clarificationReceivedAt) => DueDate(clarificationReceivedAt);

    /// <summary>
    /// The due date extended by <paramref name="additionalWorkingDays"/> (1 to <see cref="MaxExtensionWorkingDays"/>)
    /// working days beyond <paramref name="currentDue"/>, for a public-interest test under FOIA s.10(3).
    /// </summary>
    public DateOnly ExtendDueDate(DateOnly currentDue, int additionalWorkingDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(additionalWorkingDays, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(additionalWorkingDays, MaxExtensionWorkingDays);
        return Calendar.AddWorkingDays(currentDue, additionalWorkingDays);
    }

    /// <summary>
    /// Working days after <paramref name="today"/> up to and including <paramref name="due"/>: 0 on the due date,
    /// negative once working days have passed after it. A weekend just after the due date still reads 0, so ask
    /// <see cref="IsOverdue"/> for lateness.
    /// </summary>
    public int WorkingDaysLeft(DateOnly due, DateOnly today) => Calendar.WorkingDaysBetween(today, due);

    /// <summary>Whether <paramref name="today"/> is after <paramref name="due"/>.</summary>
    public static bool IsOverdue(DateOnly due, DateOnly today) => today > due;
}
