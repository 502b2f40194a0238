namespace MentionWatch.Foi;

/// <summary>
/// Generates a year's bank holidays for a division from the standing rules, for years GOV.UK has not yet published.
/// </summary>
/// <remarks>
/// The rules are those of the Banking and Financial Dealings Act 1971 and the annual royal proclamations that have
/// followed the same pattern for decades: Good Friday (a common-law holiday, listed by GOV.UK everywhere), Easter
/// Monday (not in Scotland), the first and last Mondays of May, the last Monday of August (first Monday in Scotland),
/// and fixed days that move to the next free weekday when they fall on a weekend. One-off changes such as the moved
/// May bank holidays of 2020 and 2022 cannot be predicted; they come from the shipped table or a loaded GOV.UK file.
/// </remarks>
public static class BankHolidayRules
{
    private const string NewYearsDay = "New Year’s Day";

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus of Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>Good Friday: two days before Easter Sunday.</summary>
    public static DateOnly GoodFriday(int year) => EasterSunday(year).AddDays(-2);

    /// <summary>The bank holidays of <paramref name="division"/> in <paramref name="year"/> by the standing rules, in date order.</summary>
    public static IReadOnlyList<BankHoliday> Generate(UkDivision division, int year)
    {
        var easter = EasterSunday(year);
        var holidays = new List<BankHoliday>
        {
            new(easter.AddDays(-2), "Good Friday", division),
            new(FirstMonday(year, 5), "Early May bank holiday", division),
            new(LastMonday(year, 5), "Spring bank holiday", division),
            new(division == UkDivision.Scotland ? FirstMonday(year, 8) : LastMonday(year, 8), "Summer bank holiday", division),
        };
        if (division != UkDivision.Scotland)
        {
            holidays.Add(new(easter.AddDays(1), "Easter Monday", division));
        }

        var fixedDays = FixedDays(division, year);

        // Fixed days on a weekday stand; weekend ones are placed afterwards, in date order, on the next weekday
        // not already a holiday. That yields the double substitution at Christmas: 25 Dec on a Saturday moves to
        // Monday 27th and a Sunday Boxing Day then to Tuesday 28th; 25 Dec on a Sunday moves past Boxing Day
        // (Monday 26th) to Tuesday 27th. Scotland's 1 and 2 January behave the same way.
        holidays.AddRange(fixedDays.Where(h => !IsWeekend(h.Date)));
        var taken = holidays.Select(h => h.Date).ToHashSet();
        foreach (var weekend in fixedDays.Where(h => IsWeekend(h.Date)))
        {
            var substitute = weekend.Date;
            while (IsWeekend(substitute) || taken.Contains(substitute))
            {
                substitute = substitute.AddDays(1);
            }

            taken.Add(substitute);
            holidays.Add(weekend with { Date = substitute, IsSubstitute = true });
        }

        return [.. holidays.OrderBy(h => h.Date)];
    }

    private static List<BankHoliday> FixedDays(UkDivision division, int year)
    {
        var days = new List<BankHoliday> { new(new DateOnly(year, 1, 1), NewYearsDay, division) };
        switch (division)
        {
            case UkDivision.Scotland:
                days.Add(new(new DateOnly(year, 1, 2), "2nd January", division));
                days.Add(new(new DateOnly(year, 11, 30), "St Andrew’s Day", division));
                break;
            case UkDivision.NorthernIreland:
                days.Add(new(new DateOnly(year, 3, 17), "St Patrick’s Day", division));
                days.Add(new(new DateOnly(year, 7, 12), "Battle of the Boyne (Orangemen’s Day)", division));
                break;
            case UkDivision.EnglandAndWales:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(division), division, "Unknown UK division.");
        }

        days.Add(new(new DateOnly(year, 12, 25), "Christmas Day", division));
        days.Add(new(new DateOnly(year, 12, 26), "Boxing Day", division));
        return days;
    }

    private static DateOnly FirstMonday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7);
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
