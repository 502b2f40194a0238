using System.Globalization;
using MentionWatch.Foi;

namespace MentionWatch.Tests.Foi;

public sealed class FoiReminderTests
{
    // Received Monday 6 Oct 2025, due Monday 3 Nov 2025.
    private static readonly FoiCase Case = new()
    {
        Id = 12,
        ReceivedAt = DateTimeOffset.Parse("2025-10-06T10:00:00+01:00", CultureInfo.InvariantCulture),
        ReceivedOn = Date("2025-10-06"),
        ClockStartedOn = Date("2025-10-06"),
        DueDate = Date("2025-11-03"),
        OriginalDueDate = Date("2025-11-03"),
        State = FoiCaseState.Acknowledged,
        Requester = "Daniel Okafor",
        Summary = "Out of area placements",
        OpenedBy = "mentionwatch",
        OpenedAt = DateTimeOffset.Parse("2025-10-06T10:05:00+01:00", CultureInfo.InvariantCulture),
        UpdatedAt = DateTimeOffset.Parse("2025-10-06T10:05:00+01:00", CultureInfo.InvariantCulture),
    };

    [Theory]
    // Well before the thresholds: only the opening reminder.
    [InlineData("2025-10-24", null)]
    // Monday 27 Oct: 5 working days left.
    [InlineData("2025-10-27", "foi-case:12:5-days:2025-11-03")]
    // 4 and 3 left: still the same 5-day reminder (already sent, so nothing new).
    [InlineData("2025-10-29", "foi-case:12:5-days:2025-11-03")]
    // Thursday 30 Oct: 2 left.
    [InlineData("2025-10-30", "foi-case:12:2-days:2025-11-03")]
    // Friday 31 Oct: 1 left, the same 2-day reminder.
    [InlineData("2025-10-31", "foi-case:12:2-days:2025-11-03")]
    // Saturday 1 Nov: nobody is at work, no threshold reminder.
    [InlineData("2025-11-01", null)]
    // The due date.
    [InlineData("2025-11-03", "foi-case:12:due:2025-11-03")]
    // Each working day overdue has its own reminder.
    [InlineData("2025-11-04", "foi-case:12:overdue:2025-11-04")]
    [InlineData("2025-11-05", "foi-case:12:overdue:2025-11-05")]
    // A weekend while overdue: none.
    [InlineData("2025-11-08", null)]
    public void For_Today_OpeningReminderAndTheThresholdThatApplies(string today, string? threshold)
    {
        var subjects = FoiReminder.For(Case, Date(today), FoiClock.Default).Select(r => r.Subject).ToList();

        subjects[0].ShouldBe("foi-case:12:opened");
        subjects.Skip(1).SingleOrDefault().ShouldBe(threshold);
    }

    [Theory]
    // Clock stopped for clarification: only the opening reminder, even past the old due date.
    [InlineData(FoiCaseState.ClarificationRequested)]
    // Answered: nothing is due (the job does not even load these, but the rule holds on its own).
    [InlineData(FoiCaseState.Responded)]
    public void For_ClockNotRunning_NoThresholdReminder(FoiCaseState state)
    {
        FoiReminder.For(Case with { State = state }, Date("2025-11-04"), FoiClock.Default).Select(r => r.Subject).ShouldBe(["foi-case:12:opened"]);
    }

    [Fact]
    public void For_AnyReminder_HeadlineAndDetailsCarryNoPersonalData()
    {
        foreach (var day in new[] { "2025-10-06", "2025-10-27", "2025-10-30", "2025-11-03", "2025-11-04" })
        {
            foreach (var reminder in FoiReminder.For(Case, Date(day), FoiClock.Default))
            {
                var text = string.Join(" ", [reminder.Headline, .. reminder.Details]);
                text.ShouldNotContain("Okafor");
                text.ShouldNotContain("placements");
                reminder.Headline.ShouldContain("FOI case 12");
            }
        }
    }

    [Fact]
    public void For_Overdue_HeadlineCountsWorkingDaysLateAndIsUrgent()
    {
        var overdue = FoiReminder.For(Case, Date("2025-11-05"), FoiClock.Default)[1];

        overdue.Headline.ShouldBe("FOI case 12 is overdue: 2 working days late (was due Mon 3 Nov 2025)");
        overdue.Urgent.ShouldBeTrue();
    }

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
