namespace MentionWatch.Foi;

/// <summary>
/// Which days are working days, and arithmetic over them. Two flavours: <see cref="ForFoi"/> (the statutory FOI
/// definition, UK-wide) and <see cref="ForDivision"/> (one nation's bank holidays, for a team's office hours).
/// </summary>
/// <remarks>
/// FOIA s.10(6): "working day" means any day other than a Saturday, a Sunday, Christmas Day, Good Friday or a day
/// which is a bank holiday under the Banking and Financial Dealings Act 1971 in any part of the United Kingdom. So
/// an English trust's FOI clock also skips Scotland's 2 January and St Andrew's Day and Northern Ireland's
/// St Patrick's Day and Battle of the Boyne.
/// </remarks>
public sealed class WorkingDayCalendar
{
    private readonly Func<DateOnly, bool> isHoliday;

    private WorkingDayCalendar(Func<DateOnly, bool> isHoliday, UkDivision? division)
    {
        this.isHoliday = isHoliday;
        Division = division;
    }

    /// <summary>The division whose holidays apply, or <see langword="null"/> for the UK-wide FOI calendar.</summary>
    public UkDivision? Division { get; }

    /// <summary>The FOIA s.10(6) calendar: weekends, Christmas Day, Good Friday and every UK division's bank holidays are not working days.</summary>
    public static WorkingDayCalendar ForFoi(UkBankHolidays holidays) =>
        new(date => (date.Month == 12 && date.Day == 25)
                    || date == BankHolidayRules.GoodFriday(date.Year)
                    || holidays.IsBankHolidayInAnyDivision(date), null);

    /// <summary>One division's calendar (weekends and that division's bank holidays), for office hours and routing.</summary>
    public static WorkingDayCalendar ForDivision(UkBankHolidays holidays, UkDivision division) =>
        new(date => holidays.IsBankHoliday(date, division), division);

    /// <summary>Whether <paramref name="date"/> is a working day.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !isHoliday(date);

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date) => AddWorkingDays(date, 1);

    /// <summary>
    /// The <paramref name="workingDays"/>-th working day after <paramref name="date"/> (before it when negative);
    /// <paramref name="date"/> itself is never counted, working day or not. Zero returns <paramref name="date"/>.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly date, int workingDays)
    {
        var step = Math.Sign(workingDays);
        var remaining = Math.Abs(workingDays);
        var day = date;
        while (remaining > 0)
        {
            day = day.AddDays(step);
            if (IsWorkingDay(day))
            {
                remaining--;
            }
        }

        return day;
    }

    /// <summary>
    /// The number of working days after <paramref name="from"/> up to and including <paramref name="to"/>; negative
    /// (the working days after <paramref name="to"/> up to and including <paramref name="from"/>) when
    /// <paramref name="to"/> is earlier. Undoes <c>AddWorkingDays(from, n)</c> for any n ≥ 0 (and for n &lt; 0 when
    /// <paramref name="from"/> is a working day).
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }
}
