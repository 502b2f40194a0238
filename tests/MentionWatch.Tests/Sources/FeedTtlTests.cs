using MentionWatch.Sources.Feeds;

namespace MentionWatch.Tests.Sources;

public sealed class FeedTtlTests
{
    [Theory]
    // Minutes, as RSS 2.0 defines it.
    [InlineData("60", 60)]
    [InlineData(" 15 ", 15)]
    // Absent, unreadable or not positive: no ttl, the source's own interval rules.
    [InlineData(null, null)]
    [InlineData("soon", null)]
    [InlineData("0", null)]
    [InlineData("-5", null)]
    // A feed asking for a week is still read daily, so nothing scrolls off it unread.
    [InlineData("10080", 1440)]
    public void Ttl_ChannelTtl_MinutesCappedAtADay(string? text, int? expected)
    {
        FeedSource.Ttl(text).ShouldBe(expected);
    }
}
