using System.Globalization;
using MentionWatch.Foi;

namespace MentionWatch.Tests.Foi;

public sealed class UkBankHolidaysTests
{
    [Fact]
    public void IsPublishedYear_ShippedTable_Covers2018To2027ForEveryDivision()
    {
        foreach (var division in Enum.GetValues<UkDivision>())
        {
            Enumerable.Range(2018, 10).ShouldAllBe(year => UkBankHolidays.Published.IsPublishedYear(division, year));
            UkBankHolidays.Published.IsPublishedYear(division, 2017).ShouldBeFalse();
            UkBankHolidays.Published.IsPublishedYear(division, 2028).ShouldBeFalse();
        }
    }

    [Theory]
    // Published substitute days keep their GOV.UK title and are flagged.
    [InlineData(UkDivision.EnglandAndWales, "2021-12-27", "Christmas Day", true)]
    [InlineData(UkDivision.Scotland, "2022-01-04", "2nd January", true)]
    // One-off days carry their proclamation's title.
    [InlineData(UkDivision.EnglandAndWales, "2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II", false)]
    // A generated year gets the rule's title.
    [InlineData(UkDivision.NorthernIreland, "2031-07-14", "Battle of the Boyne (Orangemen’s Day)", true)]
    public void InYear_KnownDay_HasTitleAndSubstituteFlag(UkDivision division, string date, string title, bool isSubstitute)
    {
        var day = Date(date);

        var holiday = UkBankHolidays.Published.InYear(division, day.Year).Single(h => h.Date == day);

        holiday.ShouldBe(new BankHoliday(day, title, division, isSubstitute));
    }

    [Theory]
    // Scotland's World Cup day is Scottish only.
    [InlineData("2026-06-15", UkDivision.Scotland, true)]
    [InlineData("2026-06-15", UkDivision.EnglandAndWales, false)]
    // Good Friday is in every division's GOV.UK list.
    [InlineData("2026-04-03", UkDivision.Scotland, true)]
    public void IsBankHoliday_DateAndDivision_UsesThatDivisionsList(string date, UkDivision division, bool expected)
    {
        UkBankHolidays.Published.IsBankHoliday(Date(date), division).ShouldBe(expected);
    }

    [Fact]
    public void WithAnnounced_NewDay_AddsItWithoutRemovingAnything()
    {
        var announced = new BankHoliday(Date("2031-06-16"), "Announced one-off", UkDivision.Scotland);

        var merged = UkBankHolidays.Published.WithAnnounced([announced]);

        merged.IsBankHoliday(announced.Date, UkDivision.Scotland).ShouldBeTrue();
        merged.IsBankHolidayInAnyDivision(announced.Date).ShouldBeTrue();
        merged.InYear(UkDivision.Scotland, 2031).Count.ShouldBe(UkBankHolidays.Published.InYear(UkDivision.Scotland, 2031).Count + 1);

        // The shared instance is untouched: other parts of the process keep their view.
        UkBankHolidays.Published.IsBankHoliday(announced.Date, UkDivision.Scotland).ShouldBeFalse();
    }

    [Fact]
    public void WithAnnounced_DayAlreadyPublished_KeepsThePublishedEntry()
    {
        var duplicate = new BankHoliday(Date("2025-12-25"), "Xmas", UkDivision.EnglandAndWales);

        var merged = UkBankHolidays.Published.WithAnnounced([duplicate]);

        merged.InYear(UkDivision.EnglandAndWales, 2025).ShouldBe(UkBankHolidays.Published.InYear(UkDivision.EnglandAndWales, 2025));
    }

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
