using System.Globalization;
using MentionWatch.Foi;

namespace MentionWatch.Tests.Foi;

public sealed class BankHolidayRulesTests
{
    // One-off days in the published table that no rule can predict, and the regular days they displaced.
    private static readonly Dictionary<(UkDivision Division, int Year), (string[] OnlyPublished, string[] OnlyGenerated)> OneOffs = new()
    {
        // VE day: early May moved from Monday 4 May to Friday 8 May 2020.
        [(UkDivision.EnglandAndWales, 2020)] = (["2020-05-08"], ["2020-05-04"]),
        [(UkDivision.Scotland, 2020)] = (["2020-05-08"], ["2020-05-04"]),
        [(UkDivision.NorthernIreland, 2020)] = (["2020-05-08"], ["2020-05-04"]),

        // Platinum Jubilee: spring bank holiday moved from 30 May to 2 June, plus 3 June; the state funeral 19 Sep.
        [(UkDivision.EnglandAndWales, 2022)] = (["2022-06-02", "2022-06-03", "2022-09-19"], ["2022-05-30"]),
        [(UkDivision.Scotland, 2022)] = (["2022-06-02", "2022-06-03", "2022-09-19"], ["2022-05-30"]),
        [(UkDivision.NorthernIreland, 2022)] = (["2022-06-02", "2022-06-03", "2022-09-19"], ["2022-05-30"]),

        // The coronation, 8 May 2023.
        [(UkDivision.EnglandAndWales, 2023)] = (["2023-05-08"], []),
        [(UkDivision.Scotland, 2023)] = (["2023-05-08"], []),
        [(UkDivision.NorthernIreland, 2023)] = (["2023-05-08"], []),

        // Scotland's World Cup holiday, 15 June 2026.
        [(UkDivision.Scotland, 2026)] = (["2026-06-15"], []),
    };

    [Theory]
    // Known Easter Sundays, including the earliest-in-range (25 Mar 2035) and a late one (21 Apr 2030).
    [InlineData(2018, "2018-04-01")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2030, "2030-04-21")]
    [InlineData(2035, "2035-03-25")]
    // Century-rule years exercise the Gregorian corrections in the computus.
    [InlineData(2000, "2000-04-23")]
    [InlineData(2100, "2100-03-28")]
    public void EasterSunday_Year_MatchesPublishedDate(int year, string expected)
    {
        BankHolidayRules.EasterSunday(year).ShouldBe(Date(expected));
    }

    [Fact]
    public void Generate_PublishedYears_ReproducesShippedTableExceptOneOffs()
    {
        foreach (var division in Enum.GetValues<UkDivision>())
        {
            for (var year = 2018; year <= 2027; year++)
            {
                var published = UkBankHolidays.Published.InYear(division, year).Select(h => h.Date).ToHashSet();
                var generated = BankHolidayRules.Generate(division, year).Select(h => h.Date).ToHashSet();
                var (onlyPublished, onlyGenerated) = OneOffs.GetValueOrDefault((division, year), ([], []));

                published.Except(generated).Order().ShouldBe(onlyPublished.Select(Date).Order(), $"{division} {year}: only published");
                generated.Except(published).Order().ShouldBe(onlyGenerated.Select(Date).Order(), $"{division} {year}: only generated");
            }
        }
    }

    // Expected dates for the generated years come from an independent script (Gauss's Easter algorithm rather than
    // the Meeus computus used here, substitutes placed by hand-written rules) so the two implementations check each other.
    [Theory]
    // 2028 EnglandAndWales: Easter 16 Apr; substitutes: New Year (Sat) → Mon 3 Jan.
    [InlineData(UkDivision.EnglandAndWales, 2028, "01-03 04-14 04-17 05-01 05-29 08-28 12-25 12-26")]
    // 2028 Scotland: Easter 16 Apr; summer 7 Aug; substitutes: New Year (Sat) → Mon 3 Jan, 2 Jan (Sun) → Tue 4 Jan.
    [InlineData(UkDivision.Scotland, 2028, "01-03 01-04 04-14 05-01 05-29 08-07 11-30 12-25 12-26")]
    // 2028 NorthernIreland: Easter 16 Apr; substitutes: New Year (Sat) → Mon 3 Jan.
    [InlineData(UkDivision.NorthernIreland, 2028, "01-03 03-17 04-14 04-17 05-01 05-29 07-12 08-28 12-25 12-26")]
    // 2029 EnglandAndWales: Easter 1 Apr; no substitutes.
    [InlineData(UkDivision.EnglandAndWales, 2029, "01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26")]
    // 2029 Scotland: Easter 1 Apr; summer 6 Aug; no substitutes.
    [InlineData(UkDivision.Scotland, 2029, "01-01 01-02 03-30 05-07 05-28 08-06 11-30 12-25 12-26")]
    // 2029 NorthernIreland: Easter 1 Apr; substitutes: St Patrick's (Sat) → Mon 19 Mar.
    [InlineData(UkDivision.NorthernIreland, 2029, "01-01 03-19 03-30 04-02 05-07 05-28 07-12 08-27 12-25 12-26")]
    // 2030 EnglandAndWales: Easter 21 Apr; no substitutes.
    [InlineData(UkDivision.EnglandAndWales, 2030, "01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26")]
    // 2030 Scotland: Easter 21 Apr; summer 5 Aug; substitutes: St Andrew's (Sat) → Mon 2 Dec.
    [InlineData(UkDivision.Scotland, 2030, "01-01 01-02 04-19 05-06 05-27 08-05 12-02 12-25 12-26")]
    // 2030 NorthernIreland: Easter 21 Apr; substitutes: St Patrick's (Sun) → Mon 18 Mar.
    [InlineData(UkDivision.NorthernIreland, 2030, "01-01 03-18 04-19 04-22 05-06 05-27 07-12 08-26 12-25 12-26")]
    // 2031 EnglandAndWales: Easter 13 Apr; no substitutes.
    [InlineData(UkDivision.EnglandAndWales, 2031, "01-01 04-11 04-14 05-05 05-26 08-25 12-25 12-26")]
    // 2031 Scotland: Easter 13 Apr; summer 4 Aug; substitutes: St Andrew's (Sun) → Mon 1 Dec.
    [InlineData(UkDivision.Scotland, 2031, "01-01 01-02 04-11 05-05 05-26 08-04 12-01 12-25 12-26")]
    // 2031 NorthernIreland: Easter 13 Apr; substitutes: the Boyne (Sat) → Mon 14 Jul.
    [InlineData(UkDivision.NorthernIreland, 2031, "01-01 03-17 04-11 04-14 05-05 05-26 07-14 08-25 12-25 12-26")]
    // 2032 EnglandAndWales: Easter 28 Mar; substitutes: Christmas (Sat) → Mon 27 Dec, Boxing Day (Sun) → Tue 28 Dec.
    [InlineData(UkDivision.EnglandAndWales, 2032, "01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28")]
    // 2032 Scotland: Easter 28 Mar; summer 2 Aug; substitutes: Christmas (Sat) → Mon 27 Dec, Boxing Day (Sun) → Tue 28 Dec.
    [InlineData(UkDivision.Scotland, 2032, "01-01 01-02 03-26 05-03 05-31 08-02 11-30 12-27 12-28")]
    // 2032 NorthernIreland: Easter 28 Mar; substitutes: Christmas (Sat) → Mon 27 Dec, Boxing Day (Sun) → Tue 28 Dec.
    [InlineData(UkDivision.NorthernIreland, 2032, "01-01 03-17 03-26 03-29 05-03 05-31 07-12 08-30 12-27 12-28")]
    // 2033 EnglandAndWales: Easter 17 Apr; substitutes: New Year (Sat) → Mon 3 Jan, Christmas (Sun) → Tue 27 Dec.
    [InlineData(UkDivision.EnglandAndWales, 2033, "01-03 04-15 04-18 05-02 05-30 08-29 12-26 12-27")]
    // 2033 Scotland: Easter 17 Apr; summer 1 Aug; substitutes: New Year (Sat) → Mon 3 Jan, 2 Jan (Sun) → Tue 4 Jan, Christmas (Sun) → Tue 27 Dec.
    [InlineData(UkDivision.Scotland, 2033, "01-03 01-04 04-15 05-02 05-30 08-01 11-30 12-26 12-27")]
    // 2033 NorthernIreland: Easter 17 Apr; substitutes: New Year (Sat) → Mon 3 Jan, Christmas (Sun) → Tue 27 Dec.
    [InlineData(UkDivision.NorthernIreland, 2033, "01-03 03-17 04-15 04-18 05-02 05-30 07-12 08-29 12-26 12-27")]
    // 2034 EnglandAndWales: Easter 9 Apr; substitutes: New Year (Sun) → Mon 2 Jan.
    [InlineData(UkDivision.EnglandAndWales, 2034, "01-02 04-07 04-10 05-01 05-29 08-28 12-25 12-26")]
    // 2034 Scotland: Easter 9 Apr; summer 7 Aug; substitutes: New Year (Sun) → Tue 3 Jan.
    [InlineData(UkDivision.Scotland, 2034, "01-02 01-03 04-07 05-01 05-29 08-07 11-30 12-25 12-26")]
    // 2034 NorthernIreland: Easter 9 Apr; substitutes: New Year (Sun) → Mon 2 Jan.
    [InlineData(UkDivision.NorthernIreland, 2034, "01-02 03-17 04-07 04-10 05-01 05-29 07-12 08-28 12-25 12-26")]
    // 2035 EnglandAndWales: Easter 25 Mar; no substitutes.
    [InlineData(UkDivision.EnglandAndWales, 2035, "01-01 03-23 03-26 05-07 05-28 08-27 12-25 12-26")]
    // 2035 Scotland: Easter 25 Mar; summer 6 Aug; no substitutes.
    [InlineData(UkDivision.Scotland, 2035, "01-01 01-02 03-23 05-07 05-28 08-06 11-30 12-25 12-26")]
    // 2035 NorthernIreland: Easter 25 Mar; substitutes: St Patrick's (Sat) → Mon 19 Mar.
    [InlineData(UkDivision.NorthernIreland, 2035, "01-01 03-19 03-23 03-26 05-07 05-28 07-12 08-27 12-25 12-26")]
    public void Generate_2028To2035_MatchesIndependentlyComputedDates(UkDivision division, int year, string monthDays)
    {
        var expected = monthDays.Split(' ').Select(md => Date($"{year}-{md}"));

        BankHolidayRules.Generate(division, year).Select(h => h.Date).ShouldBe(expected);
    }

    [Theory]
    // 2021: Christmas Saturday, Boxing Day Sunday, so Monday 27 and Tuesday 28.
    [InlineData(2021, "2021-12-27", "2021-12-28")]
    // 2022: Christmas Sunday, Boxing Day Monday, so Christmas moves past it to Tuesday 27.
    [InlineData(2022, "2022-12-26", "2022-12-27")]
    // 2026: Christmas Friday, Boxing Day Saturday, so Monday 28.
    [InlineData(2026, "2026-12-25", "2026-12-28")]
    // 2032 (generated): Christmas Saturday again.
    [InlineData(2032, "2032-12-27", "2032-12-28")]
    // 2033 (generated): Christmas Sunday again.
    [InlineData(2033, "2033-12-26", "2033-12-27")]
    public void Generate_ChristmasOnWeekend_SubstitutesBothDays(int year, string first, string second)
    {
        var december = BankHolidayRules.Generate(UkDivision.EnglandAndWales, year).Where(h => h.Date.Month == 12).Select(h => h.Date);

        december.ShouldBe([Date(first), Date(second)]);
    }

    [Theory]
    // 2028: 1 Jan Saturday, 2 Jan Sunday: Monday 3 and Tuesday 4 in Scotland.
    [InlineData(2028, "2028-01-03", "2028-01-04")]
    // 2034: 1 Jan Sunday, 2 Jan Monday: 2 Jan stands, New Year moves to Tuesday 3.
    [InlineData(2034, "2034-01-02", "2034-01-03")]
    public void Generate_ScottishNewYearOnWeekend_SubstitutesBothDays(int year, string first, string second)
    {
        var january = BankHolidayRules.Generate(UkDivision.Scotland, year).Where(h => h.Date.Month == 1).Select(h => h.Date);

        january.ShouldBe([Date(first), Date(second)]);
    }

    [Theory]
    // St Andrew's Day 2030 is a Saturday: Monday 2 December.
    [InlineData(UkDivision.Scotland, "St Andrew’s Day", "2030-12-02")]
    // St Patrick's Day 2029 is a Saturday: Monday 19 March.
    [InlineData(UkDivision.NorthernIreland, "St Patrick’s Day", "2029-03-19")]
    // The Boyne, 12 July 2031, is a Saturday: Monday 14 July.
    [InlineData(UkDivision.NorthernIreland, "Battle of the Boyne (Orangemen’s Day)", "2031-07-14")]
    public void Generate_RegionalFixedDayOnWeekend_MovesToMondayAsSubstitute(UkDivision division, string title, string expected)
    {
        var date = Date(expected);

        var holiday = BankHolidayRules.Generate(division, date.Year).Single(h => h.Title == title);

        holiday.Date.ShouldBe(date);
        holiday.IsSubstitute.ShouldBeTrue();
    }

    [Theory]
    // Scotland: 1 and 2 Jan, Good Friday, two May Mondays, first Monday of August, St Andrew's, Christmas, Boxing Day.
    [InlineData(UkDivision.Scotland, 9)]
    // England and Wales: 8, including Easter Monday.
    [InlineData(UkDivision.EnglandAndWales, 8)]
    // Northern Ireland: England's 8 plus St Patrick's and the Boyne.
    [InlineData(UkDivision.NorthernIreland, 10)]
    public void Generate_EveryYear2028To2035_HasTheStatutoryCount(UkDivision division, int expected)
    {
        for (var year = 2028; year <= 2035; year++)
        {
            var holidays = BankHolidayRules.Generate(division, year);

            holidays.Count.ShouldBe(expected, $"{division} {year}");
            holidays.ShouldAllBe(h => h.Date.DayOfWeek != DayOfWeek.Saturday && h.Date.DayOfWeek != DayOfWeek.Sunday);
            holidays.Select(h => h.Date).Distinct().Count().ShouldBe(expected);
        }
    }

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
