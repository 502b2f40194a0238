using System.Globalization;
using MentionWatch.Foi;

namespace MentionWatch.Tests.Foi;

public sealed class FoiFiguresTests
{
    private static readonly DateOnly Today = Date("2025-12-15");

    [Fact]
    public void Compute_MixedOutcomes_CountsPercentAndMedianByTheStatedRule()
    {
        FoiCase[] cases =
        [
            // Answered in 10 working days.
            Case(1, FoiCaseState.Closed, due: "2025-11-03", respondedOnTime: true, days: 10),
            // Answered late (22 working days).
            Case(2, FoiCaseState.Responded, due: "2025-11-03", respondedOnTime: false, days: 22),
            // Extended and answered within the extension (30 working days): in time, but not within 20.
            Case(3, FoiCaseState.Responded, due: "2025-12-01", respondedOnTime: true, days: 30),
            // Unanswered past its due date: counts against the percentage.
            Case(4, FoiCaseState.Acknowledged, due: "2025-12-12"),
            // Still within time: not judged yet.
            Case(5, FoiCaseState.Open, due: "2025-12-20"),
            // Withdrawn: never judged.
            Case(6, FoiCaseState.Withdrawn, due: "2025-11-03"),
            // Waiting for clarification past the old due date: the clock is stopped, so not overdue.
            Case(7, FoiCaseState.ClarificationRequested, due: "2025-11-03"),
        ];

        var figures = FoiFigures.Compute(Date("2025-10-01"), Date("2025-10-31"), cases, Today);

        figures.Received.ShouldBe(7);
        figures.Answered.ShouldBe(3);
        figures.AnsweredInTime.ShouldBe(2);
        figures.AnsweredWithinTwentyWorkingDays.ShouldBe(1);
        figures.OverdueNow.ShouldBe(1);
        figures.Withdrawn.ShouldBe(1);
        // 2 in time out of 3 answered + 1 overdue.
        figures.PercentInTime.ShouldBe(50.0);
        // Median of 10, 22, 30.
        figures.MedianWorkingDaysToRespond.ShouldBe(22);
    }

    [Fact]
    public void Compute_EvenNumberAnswered_MedianIsMeanOfMiddleTwo()
    {
        var figures = FoiFigures.Compute(Date("2025-10-01"), Date("2025-10-31"),
            [Case(1, FoiCaseState.Responded, "2025-11-03", true, 7), Case(2, FoiCaseState.Responded, "2025-11-03", true, 12)], Today);

        figures.MedianWorkingDaysToRespond.ShouldBe(9.5);
        figures.PercentInTime.ShouldBe(100.0);
    }

    [Fact]
    public void Compute_NothingJudged_PercentAndMedianAreNull()
    {
        var figures = FoiFigures.Compute(Date("2025-10-01"), Date("2025-10-31"), [Case(1, FoiCaseState.Open, "2025-12-20")], Today);

        figures.Received.ShouldBe(1);
        figures.PercentInTime.ShouldBeNull();
        figures.MedianWorkingDaysToRespond.ShouldBeNull();
    }

    private static FoiCase Case(long id, FoiCaseState state, string due, bool? respondedOnTime = null, int? days = null) => new()
    {
        Id = id,
        ReceivedAt = DateTimeOffset.Parse("2025-10-06T10:00:00+01:00", CultureInfo.InvariantCulture),
        ReceivedOn = Date("2025-10-06"),
        ClockStartedOn = Date("2025-10-06"),
        DueDate = Date(due),
        OriginalDueDate = Date("2025-11-03"),
        State = state,
        RespondedOn = respondedOnTime is null ? null : Date("2025-11-01"),
        RespondedOnTime = respondedOnTime,
        WorkingDaysToRespond = days,
        OpenedBy = "mentionwatch",
        OpenedAt = DateTimeOffset.Parse("2025-10-06T10:05:00+01:00", CultureInfo.InvariantCulture),
        UpdatedAt = DateTimeOffset.Parse("2025-10-06T10:05:00+01:00", CultureInfo.InvariantCulture),
    };

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
