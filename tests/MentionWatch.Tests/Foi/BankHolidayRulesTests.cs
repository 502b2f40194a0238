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
