using System.Globalization;
using MentionWatch.Time;
using MentionWatch.Web;

namespace MentionWatch.Tests.Web;

public sealed class UkTimeTests
{
    private static readonly UkTime Uk = new(TrustTime.Uk);

    [Theory]
    // Winter: UK time is UTC, said as GMT.
    [InlineData("2025-01-15T09:05:00Z", "15 Jan 2025 09:05 GMT")]
    // Summer: an hour ahead, said as BST.
    [InlineData("2025-07-01T23:30:00Z", "2 Jul 2025 00:30 BST")]
    public void Format_UtcInstant_ShowsUkLocalTimeWithZone(string utc, string expected)
    {
        Uk.Format(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(expected);
    }

    [Theory]
    // A winter day starts at midnight UTC.
    [InlineData(2025, 1, 15, "2025-01-15T00:00:00+00:00")]
    // A summer day starts at 23:00 UTC the day before.
    [InlineData(2025, 7, 2, "2025-07-01T23:00:00+00:00")]
    public void StartOf_UkDay_IsLocalMidnightInUtc(int year, int month, int day, string expected)
    {
        Uk.StartOf(new DateOnly(year, month, day)).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture).ShouldBe(expected);
    }

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
        Uk.TryParseLocal(input, out var at).ShouldBeTrue();
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
        Uk.TryParseLocal(input, out _).ShouldBeFalse();
    }

    [Fact]
    public void LocalInput_SummerInstant_ShowsBstWallClock()
    {
        Uk.LocalInput(DateTimeOffset.Parse("2025-10-05T23:30:00Z", System.Globalization.CultureInfo.InvariantCulture)).ShouldBe("2025-10-06T00:30");
    }
}
