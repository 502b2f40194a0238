using System.Globalization;
using MentionWatch.Foi;

namespace MentionWatch.Tests.Foi;

public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Foi = WorkingDayCalendar.ForFoi(UkBankHolidays.Published);

    [Theory]
    // An ordinary Wednesday.
    [InlineData("2025-10-08", true)]
    // Saturday and Sunday.
    [InlineData("2025-10-11", false)]
    [InlineData("2025-10-12", false)]
    // Christmas Day and Good Friday are named in s.10(6) itself.
    [InlineData("2025-12-25", false)]
    [InlineData("2026-04-03", false)]
    // Easter Monday (not a holiday in Scotland, but it is in England, which is enough).
    [InlineData("2026-04-06", false)]
    // Scotland-only days: 2 January, St Andrew's substitute, first Monday of August, the 2026 World Cup day.
    [InlineData("2026-01-02", false)]
    [InlineData("2025-12-01", false)]
    [InlineData("2025-08-04", false)]
    [InlineData("2026-06-15", false)]
    // Northern Ireland-only days: St Patrick's and the Boyne substitute.
    [InlineData("2026-03-17", false)]
    [InlineData("2026-07-13", false)]
    // Monday 4 May 2020 was a working day: that year's early May holiday moved to VE day, Friday 8 May.
    [InlineData("2020-05-04", true)]
    [InlineData("2020-05-08", false)]
    // Monday 30 May 2022 was a working day: spring bank holiday moved to 2 June.
    [InlineData("2022-05-30", true)]
    // A generated year: Good Friday 2035 (Easter 25 Mar) and Christmas Day 2035 on a Tuesday.
    [InlineData("2035-03-23", false)]
    [InlineData("2035-12-25", false)]
    public void IsWorkingDay_ForFoi_ExcludesWeekendsAndEveryDivisionsHolidays(string date, bool expected)
    {
        Foi.IsWorkingDay(Date(date)).ShouldBe(expected);
    }

    [Theory]
    // St Andrew's Day substitute 2025: off in Scotland, a working day in England and Northern Ireland.
    [InlineData("2025-12-01", UkDivision.Scotland, false)]
    [InlineData("2025-12-01", UkDivision.EnglandAndWales, true)]
    [InlineData("2025-12-01", UkDivision.NorthernIreland, true)]
    // Easter Monday: not a Scottish bank holiday.
    [InlineData("2026-04-06", UkDivision.Scotland, true)]
    [InlineData("2026-04-06", UkDivision.EnglandAndWales, false)]
    // Scotland's summer holiday is the first Monday of August, England's the last.
    [InlineData("2025-08-04", UkDivision.EnglandAndWales, true)]
    [InlineData("2025-08-25", UkDivision.Scotland, true)]
    [InlineData("2025-08-25", UkDivision.EnglandAndWales, false)]
    // St Patrick's Day: Northern Ireland only.
    [InlineData("2026-03-17", UkDivision.NorthernIreland, false)]
    [InlineData("2026-03-17", UkDivision.EnglandAndWales, true)]
    public void IsWorkingDay_ForDivision_UsesOnlyThatDivisionsHolidays(string date, UkDivision division, bool expected)
    {
        WorkingDayCalendar.ForDivision(UkBankHolidays.Published, division).IsWorkingDay(Date(date)).ShouldBe(expected);
    }

    [Fact]
    public void IsWorkingDay_EveryDay2018To2035_ForFoiIsNoMoreThanAnyDivision()
    {
        var divisions = Enum.GetValues<UkDivision>().Select(d => WorkingDayCalendar.ForDivision(UkBankHolidays.Published, d)).ToList();

        for (var day = Date("2018-01-01"); day <= Date("2035-12-31"); day = day.AddDays(1))
        {
            var date = day;
            Foi.IsWorkingDay(date).ShouldBe(divisions.All(c => c.IsWorkingDay(date)), $"{date:yyyy-MM-dd}");
        }
    }

    [Theory]
    // Friday to Monday.
    [InlineData("2025-10-10", "2025-10-13")]
    // From Christmas Eve 2025 over 25, 26 Dec and the weekend.
    [InlineData("2025-12-24", "2025-12-29")]
    // From a bank holiday itself.
    [InlineData("2025-05-05", "2025-05-06")]
    public void NextWorkingDay_Date_IsFirstWorkingDayStrictlyAfter(string date, string expected)
    {
        Foi.NextWorkingDay(Date(date)).ShouldBe(Date(expected));
    }

    [Theory]
    // Zero adds nothing, even from a Saturday.
    [InlineData("2025-10-11", 0, "2025-10-11")]
    // Five working days from a Monday is the next Monday.
    [InlineData("2025-10-06", 5, "2025-10-13")]
    // Backwards over a weekend.
    [InlineData("2025-10-13", -1, "2025-10-10")]
    // Backwards over Easter 2026 (Good Friday 3 Apr, Easter Monday 6 Apr).
    [InlineData("2026-04-07", -1, "2026-04-02")]
    public void AddWorkingDays_Count_StepsOverNonWorkingDays(string date, int days, string expected)
    {
        Foi.AddWorkingDays(Date(date), days).ShouldBe(Date(expected));
    }

    [Theory]
    // Same day: nothing in between.
    [InlineData("2025-10-10", "2025-10-10", 0)]
    // Friday to Monday: only the Monday counts.
    [InlineData("2025-10-10", "2025-10-13", 1)]
    // Reversed arguments give the negative count.
    [InlineData("2025-10-13", "2025-10-10", -1)]
    // Christmas week 2025: 22, 23, 24, 29, 30, 31 Dec.
    [InlineData("2025-12-21", "2026-01-01", 6)]
    public void WorkingDaysBetween_FromTo_CountsAfterFromUpToAndIncludingTo(string from, string to, int expected)
    {
        Foi.WorkingDaysBetween(Date(from), Date(to)).ShouldBe(expected);
    }

    [Fact]
    public void WorkingDaysBetween_AfterAddWorkingDaysForward_ReturnsTheCount()
    {
        var random = new Random(42);
        for (var i = 0; i < 1000; i++)
        {
            var from = Date("2018-01-01").AddDays(random.Next(0, 365 * 17));
            var count = random.Next(0, 31);

            var to = Foi.AddWorkingDays(from, count);

            Foi.WorkingDaysBetween(from, to).ShouldBe(count, $"from {from:yyyy-MM-dd} by {count}");
        }
    }

    [Fact]
    public void WorkingDaysBetween_AfterAddWorkingDaysBackFromWorkingDay_ReturnsTheNegativeCount()
    {
        // Backwards, AddWorkingDays counts the day it lands on and WorkingDaysBetween counts the start day instead,
        // so they agree when both ends are working days (from a Sunday they would differ by one).
        var random = new Random(43);
        for (var i = 0; i < 1000; i++)
        {
            var from = Foi.NextWorkingDay(Date("2018-01-01").AddDays(random.Next(0, 365 * 17)));
            var count = random.Next(1, 31);

            var to = Foi.AddWorkingDays(from, -count);

            Foi.WorkingDaysBetween(from, to).ShouldBe(-count, $"from {from:yyyy-MM-dd} by {-count}");
        }
    }

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
