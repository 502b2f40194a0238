using MentionWatch.Sources.Feeds;

namespace MentionWatch.Tests.Sources;

public sealed class FeedDatesTests
{
    [Theory]
    // RFC 3339, as Atom sends it.
    [InlineData("2024-10-29T07:41:10Z", "2024-10-29T07:41:10+00:00")]
    // RFC 3339 with an offset and fractions.
    [InlineData("2024-10-29T08:41:10.123+01:00", "2024-10-29T07:41:10.123+00:00")]
    // RFC 822 with GMT, the common RSS form.
    [InlineData("Tue, 29 Oct 2024 07:41:10 GMT", "2024-10-29T07:41:10+00:00")]
    // RFC 822 with a numeric zone.
    [InlineData("Tue, 29 Oct 2024 08:41:10 +0100", "2024-10-29T07:41:10+00:00")]
    // A named US zone, which .NET's parser refuses.
    [InlineData("Tue, 29 Oct 2024 03:41:10 EDT", "2024-10-29T07:41:10+00:00")]
    // British Summer Time, as UK local news feeds write it.
    [InlineData("Tue, 29 Oct 2024 08:41:10 BST", "2024-10-29T07:41:10+00:00")]
    // No weekday, no seconds, two-digit year.
    [InlineData("29 Oct 24 07:41 GMT", "2024-10-29T07:41:00+00:00")]
    // No zone at all: read as UTC.
    [InlineData("Tue, 29 Oct 2024 07:41:10", "2024-10-29T07:41:10+00:00")]
    public void Parse_FeedDateForms_ReadAsTheSameInstant(string text, string expected)
    {
        FeedDates.Parse(text).ShouldBe(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("Tue, 32 Oct 2024 07:41:10 GMT")]
    public void Parse_NotADate_Null(string text) => FeedDates.Parse(text).ShouldBeNull();
}
