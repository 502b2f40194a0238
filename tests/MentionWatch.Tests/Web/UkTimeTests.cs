using MentionWatch.Web;

namespace MentionWatch.Tests.Web;

public sealed class UkTimeTests
{
    [Theory]
    // Winter: UK time is UTC, said as GMT.
    [InlineData("2025-01-15T09:05:00Z", "15 Jan 2025 09:05 GMT")]
    // Summer: an hour ahead, said as BST.
    [InlineData("2025-07-01T23:30:00Z", "2 Jul 2025 00:30 BST")]
    public void Format_UtcInstant_ShowsUkLocalTimeWithZone(string utc, string expected)
    {
        UkTime.Format(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(expected);
    }

    [Theory]
    // A winter day starts at midnight UTC.
    [InlineData(2025, 1, 15, "2025-01-15T00:00:00+00:00")]
    // A summer day starts at 23:00 UTC the day before.
    [InlineData(2025, 7, 2, "2025-07-01T23:00:00+00:00")]
    public void StartOf_UkDay_IsLocalMidnightInUtc(int year, int month, int day, string expected)
    {
        UkTime.StartOf(new DateOnly(year, month, day)).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture).ShouldBe(expected);
    }
}
