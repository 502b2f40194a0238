using MentionWatch.Sources;

namespace MentionWatch.Tests.Sources;

public sealed class MediaDescriptionTests
{
    [Fact]
    public void Describe_PhotoWithAltTextAndLink_SaysWhatItCarries() =>
        MediaDescription.Describe("photo", ("Alt text", "Trolleys lined up in a corridor"), ("Link", "https://www.instagram.com/p/C8xA/"))
            .ShouldBe("Photo with no text. Alt text: Trolleys lined up in a corridor. Link: https://www.instagram.com/p/C8xA/");

    [Fact]
    public void Describe_NothingGiven_StillAPlainStatement() =>
        MediaDescription.Describe("comment", ("Title", null), ("Description", "  ")).ShouldBe("Comment with no text");

    [Theory]
    // Instagram media types.
    [InlineData("IMAGE", "photo")]
    [InlineData("VIDEO", "video")]
    [InlineData("CAROUSEL_ALBUM", "album of photos or videos")]
    // Facebook attachment types.
    [InlineData("photo", "photo")]
    [InlineData("video_inline", "video")]
    [InlineData("share", "link")]
    [InlineData("animated_image_share", "animated image")]
    // A type we do not know is named as the platform names it, not dropped.
    [InlineData("NEW_THING", "new thing")]
    [InlineData(null, "media")]
    public void Kind_PlatformMediaTypes_InWords(string? type, string expected) => MediaDescription.Kind(type).ShouldBe(expected);
}
