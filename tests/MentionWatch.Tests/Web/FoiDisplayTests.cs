using MentionWatch.Foi;
using MentionWatch.Web.Pages.Foi;

namespace MentionWatch.Tests.Web;

public sealed class FoiDisplayTests
{
    [Theory]
    // Late by working days: said in words, never by colour alone.
    [InlineData(FoiCaseState.Acknowledged, -3, true, "Overdue by 3 working days")]
    [InlineData(FoiCaseState.Open, -1, true, "Overdue by 1 working day")]
    // Due on Friday, today is Saturday: late although no working day has passed.
    [InlineData(FoiCaseState.Open, 0, true, "Overdue: the due date has passed")]
    [InlineData(FoiCaseState.Extended, 0, false, "Due today")]
    [InlineData(FoiCaseState.Open, 1, false, "1 working day left")]
    [InlineData(FoiCaseState.Open, 12, false, "12 working days left")]
    // Asking for clarification stops the clock.
    [InlineData(FoiCaseState.ClarificationRequested, null, false, "Clock stopped: awaiting clarification")]
    [InlineData(FoiCaseState.Closed, null, false, "Finished")]
    public void Clock_Status_SaidInWords(FoiCaseState state, int? left, bool overdue, string expected)
    {
        var c = new FoiCase
        {
            Id = 1, ReceivedAt = DateTimeOffset.UnixEpoch, ReceivedOn = new DateOnly(2025, 10, 6), ClockStartedOn = new DateOnly(2025, 10, 6),
            DueDate = new DateOnly(2025, 11, 3), OriginalDueDate = new DateOnly(2025, 11, 3), State = state, OpenedBy = "t",
            OpenedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch,
        };

        FoiDisplay.Clock(new FoiCaseStatus(c, left, overdue)).ShouldBe(expected);
    }
}
