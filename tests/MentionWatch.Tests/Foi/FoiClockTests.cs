using System.Globalization;
using MentionWatch.Foi;

namespace MentionWatch.Tests.Foi;

public sealed class FoiClockTests
{
    private static readonly FoiClock Clock = FoiClock.Default;

    // Expected dates were counted by hand on a calendar (day one = first working day after the London date of
    // receipt; skip weekends and every UK division's bank holidays) and cross-checked with an independent script.
    [Theory]
    // Ordinary Tuesday, no holidays in the span: four clean weeks.
    [InlineData("2025-10-07T10:00:00+01:00", "2025-11-04")]
    // Friday evening: the hour does not matter, day one is Monday.
    [InlineData("2025-10-10T18:30:00+01:00", "2025-11-07")]
    // Saturday receipt: day one is still the next working day, so the same due date as Friday.
    [InlineData("2025-10-11T09:00:00+01:00", "2025-11-07")]
    // Sunday just before midnight: same again; the shortest possible span (26 calendar days).
    [InlineData("2025-10-12T23:59:00+01:00", "2025-11-07")]
    // Received on a bank holiday (early May 2025): day one is the Tuesday; spring bank holiday 26 May is skipped.
    [InlineData("2025-05-05T12:00:00+01:00", "2025-06-03")]
    // Christmas Eve late at night: 25, 26 Dec, 1 Jan and Scotland's 2 Jan 2026 are all skipped.
    [InlineData("2025-12-24T23:59:00Z", "2026-01-27")]
    // Christmas 2021 on a weekend: substitutes 27, 28 Dec; New Year substitute 3 Jan and Scotland's 4 Jan.
    [InlineData("2021-12-20T09:00:00Z", "2022-01-21")]
    // Easter 2026: Good Friday 3 Apr and Easter Monday 6 Apr.
    [InlineData("2026-03-30T09:00:00+01:00", "2026-04-29")]
    // Easter 2025 seen from the Friday before: Good Friday 18 Apr, Easter Monday 21 Apr.
    [InlineData("2025-03-28T16:00:00Z", "2025-04-29")]
    // Scotland only: St Andrew's Day, Monday 30 Nov 2026, stops an English trust's clock too.
    [InlineData("2026-11-20T09:00:00Z", "2026-12-21")]
    // Scotland only: summer bank holiday 4 Aug 2025 (first Monday), then England's 25 Aug.
    [InlineData("2025-07-28T09:00:00+01:00", "2025-08-27")]
    // Northern Ireland only: St Patrick's Day, Tuesday 17 Mar 2026.
    [InlineData("2026-03-02T09:00:00Z", "2026-03-31")]
    // Northern Ireland only: Battle of the Boyne on a Saturday in 2025, substitute Monday 14 Jul.
    [InlineData("2025-07-01T09:00:00+01:00", "2025-07-30")]
    // 2020: early May bank holiday moved to Friday 8 May (VE day); Monday 4 May was a working day.
    [InlineData("2020-05-01T09:00:00+01:00", "2020-06-02")]
    // 2022: spring bank holiday moved to Thursday 2 Jun plus the Jubilee on 3 Jun; Monday 30 May was a working day.
    [InlineData("2022-05-27T09:00:00+01:00", "2022-06-28")]
    // 2022: the Queen's state funeral, Monday 19 Sep.
    [InlineData("2022-09-09T09:00:00+01:00", "2022-10-10")]
    // 2023: early May 1 May, the coronation 8 May and spring bank holiday 29 May.
    [InlineData("2023-04-28T09:00:00+01:00", "2023-05-31")]
    // Scotland's World Cup holiday, Monday 15 Jun 2026, then Northern Ireland's Boyne substitute 13 Jul.
    [InlineData("2026-06-12T10:00:00+01:00", "2026-07-14")]
    // The contract example: Christmas 2026 (Boxing Day substitute 28 Dec), 1 Jan and Scotland's 4 Jan 2027.
    [InlineData("2026-12-18T16:45:00+00:00", "2027-01-21")]
    // 23:30 UTC in summer is 00:30 BST the next day: received Friday 13 Jun, not Thursday.
    [InlineData("2025-06-12T23:30:00Z", "2025-07-11")]
    // The same instant written with the BST offset.
    [InlineData("2025-06-13T00:30:00+01:00", "2025-07-11")]
    // An hour earlier it is still Thursday in London.
    [InlineData("2025-06-12T22:30:00Z", "2025-07-10")]
    // In winter London is on UTC, so 23:30 UTC stays the same day.
    [InlineData("2025-01-10T23:30:00Z", "2025-02-07")]
    // The night the clocks go forward (29 Mar 2026): 00:30 GMT and 01:30 BST are both Sunday.
    [InlineData("2026-03-29T00:30:00+00:00", "2026-04-28")]
    // A generated year (beyond the published table): Christmas 2030 and New Year 2031 from the rules.
    [InlineData("2030-12-20T09:00:00Z", "2031-01-23")]
    // Generated 2029: St Patrick's Day on a Saturday, substitute Monday 19 Mar, then Easter (30 Mar, 2 Apr).
    [InlineData("2029-03-09T09:00:00Z", "2029-04-11")]
    // Generated 2030: St Andrew's Day on a Saturday, Scottish substitute Monday 2 Dec.
    [InlineData("2030-11-22T09:00:00Z", "2030-12-23")]
    // Generated 2031: the Boyne on a Saturday (substitute Monday 14 Jul) and Scotland's summer holiday 4 Aug.
    [InlineData("2031-07-04T09:00:00+01:00", "2031-08-05")]
    // Generated 2032-33: Christmas on a Saturday (27, 28 Dec), New Year on a Saturday (3 Jan) and Scotland's 4 Jan.
    [InlineData("2032-12-20T09:00:00Z", "2033-01-21")]
    // Generated 2035: the earliest Easter in range (Good Friday 23 Mar) right after St Patrick's substitute 19 Mar.
    [InlineData("2035-03-09T09:00:00Z", "2035-04-11")]
    public void DueDate_Receipt_IsTwentiethWorkingDayAfterLondonDateOfReceipt(string receivedAt, string expected)
    {
        Clock.DueDate(Instant(receivedAt)).ShouldBe(Date(expected));
    }

    [Theory]
    // 00:30 BST is the previous day in UTC: the London date counts.
    [InlineData("2025-06-12T23:30:00Z", "2025-06-13")]
    // Offsets other than London's are converted, not trusted: 20:00 in New York in July is 01:00 BST next day.
    [InlineData("2025-07-04T20:00:00-04:00", "2025-07-05")]
    // GMT in winter: midnight exactly starts the new day.
    [InlineData("2025-01-01T00:00:00Z", "2025-01-01")]
    public void ReceivedOn_Instant_IsLondonCalendarDate(string receivedAt, string expected)
    {
        Clock.ReceivedOn(Instant(receivedAt)).ShouldBe(Date(expected));
    }

    [Fact]
    public void Today_TimeProvider_IsLondonDateOfNow()
    {
        var time = new TestClock(Instant("2025-06-12T23:30:00Z"));

        Clock.Today(time).ShouldBe(Date("2025-06-13"));
    }

    [Theory]
    // Two working days before a Friday due date.
    [InlineData("2025-11-07", "2025-11-05", 2)]
    // Due today: nothing left but not late.
    [InlineData("2025-11-07", "2025-11-07", 0)]
    // The weekend straight after the due date: no working day has passed yet, still 0 (IsOverdue says late).
    [InlineData("2025-11-07", "2025-11-09", 0)]
    // The Monday after: one working day overdue.
    [InlineData("2025-11-07", "2025-11-10", -1)]
    // From the Sunday before Christmas 2025: 22-24 Dec plus the 20 days of a request received on 24 Dec.
    [InlineData("2026-01-27", "2025-12-21", 23)]
    public void WorkingDaysLeft_DueAndToday_CountsWorkingDaysSignedByDirection(string due, string today, int expected)
    {
        Clock.WorkingDaysLeft(Date(due), Date(today)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("2025-11-07", "2025-11-07", false)]
    [InlineData("2025-11-07", "2025-11-08", true)]
    public void IsOverdue_DueAndToday_TrueOnlyAfterDueDate(string due, string today, bool expected)
    {
        FoiClock.IsOverdue(Date(due), Date(today)).ShouldBe(expected);
    }

    [Theory]
    // The full 20-day public-interest extension over Christmas 2025: 25, 26 Dec, 1 and 2 Jan are skipped.
    [InlineData("2025-12-15", 20, "2026-01-16")]
    // A short extension crossing a weekend.
    [InlineData("2025-11-07", 1, "2025-11-10")]
    public void ExtendDueDate_WithinLimit_AddsWorkingDaysAfterCurrentDueDate(string currentDue, int days, string expected)
    {
        Clock.ExtendDueDate(Date(currentDue), days).ShouldBe(Date(expected));
    }

    [Theory]
    // Zero or negative is not an extension.
    [InlineData(0)]
    // ICO guidance caps it at a further 20 working days.
    [InlineData(21)]
    public void ExtendDueDate_OutsideOneToTwenty_Throws(int days)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Clock.ExtendDueDate(Date("2025-11-07"), days));
    }

    [Fact]
    public void RestartFromClarification_ClarificationReceived_CountsTwentyWorkingDaysFromItsReceipt()
    {
        // Clarification arrived on a Saturday in BST: counts like a fresh request received that day.
        Clock.RestartFromClarification(Instant("2025-10-11T09:00:00+01:00")).ShouldBe(Date("2025-11-07"));
    }

    [Fact]
    public void DueDate_RandomReceipts2019To2035_AlwaysTwentiethWorkingDayWithinBounds()
    {
        var random = new Random(20261218);
        var start = Instant("2019-01-01T00:00:00Z");
        var span = (Instant("2036-01-01T00:00:00Z") - start).Ticks;
        var calendar = Clock.Calendar;

        for (var i = 0; i < 5000; i++)
        {
            var receivedAt = start.AddTicks((long)(random.NextDouble() * span));
            var receivedOn = Clock.ReceivedOn(receivedAt);

            var due = Clock.DueDate(receivedAt);

            calendar.IsWorkingDay(due).ShouldBeTrue($"received {receivedAt:O}, due {due}");
            CountWorkingDaysAfterUpTo(calendar, receivedOn, due).ShouldBe(20, $"received {receivedAt:O}, due {due}");
            var calendarDays = due.DayNumber - receivedOn.DayNumber;
            calendarDays.ShouldBeInRange(26, 40, $"received {receivedAt:O}, due {due}");
        }
    }

    // Counted day by day here rather than with WorkingDaysBetween, so the property does not test the code with itself.
    private static int CountWorkingDaysAfterUpTo(WorkingDayCalendar calendar, DateOnly receivedOn, DateOnly due) =>
        Enumerable.Range(1, due.DayNumber - receivedOn.DayNumber).Count(n => calendar.IsWorkingDay(receivedOn.AddDays(n)));

    private static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
