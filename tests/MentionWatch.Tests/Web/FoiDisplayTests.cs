using System.Globalization;
using MentionWatch.Foi;
using MentionWatch.Web.Pages.Foi;

namespace MentionWatch.Tests.Web;

public sealed class FoiDisplayTests
{
    [Theory]
    // Summer: UK time is BST, an hour ahead of UTC.
    [InlineData("2025-10-06T10:00", "2025-10-06T09:00:00Z")]
    // 00:30 BST is still the previous day in UTC; the FOI clock uses the UK date, so this must not slip a day.
    [InlineData("2025-10-06T00:30", "2025-10-05T23:30:00Z")]
    // Winter: UK time is UTC.
    [InlineData("2025-12-18T16:45", "2025-12-18T16:45:00Z")]
    // Seconds, as some browsers send them.
    [InlineData("2025-12-18T16:45:30", "2025-12-18T16:45:30Z")]
    // 01:30 on 26 Oct 2025 happened twice (BST, then GMT): read as the later, GMT one.
    [InlineData("2025-10-26T01:30", "2025-10-26T01:30:00Z")]
    public void TryParseLocal_UkLocalTime_ReadAsTheInstant(string input, string expectedUtc)
    {
        FoiDisplay.TryParseLocal(input, out var at).ShouldBeTrue();
        at.ShouldBe(DateTimeOffset.Parse(expectedUtc, CultureInfo.InvariantCulture));
    }

    [Theory]
    // 01:30 on 30 Mar 2025 never happened in the UK: the clocks went from 01:00 GMT to 02:00 BST.
    [InlineData("2025-03-30T01:30")]
    // Not a date-time at all.
    [InlineData("next Tuesday")]
    // A date without a time is not enough for a receipt.
    [InlineData("2025-10-06")]
    // An offset is not what a datetime-local input sends.
    [InlineData("2025-10-06T10:00+01:00")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParseLocal_NotAUkLocalTime_Refused(string? input)
    {
        FoiDisplay.TryParseLocal(input, out _).ShouldBeFalse();
    }

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
