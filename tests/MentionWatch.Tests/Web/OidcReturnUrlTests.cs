using MentionWatch.Web.Accounts;

namespace MentionWatch.Tests.Web;

public sealed class OidcReturnUrlTests
{
    [Theory]
    [InlineData("/mentions/12", "/mentions/12")]
    [InlineData("/", "/")]
    // Another site, however it is written: the inbox instead.
    [InlineData("//evil.example/", "/inbox")]
    [InlineData("/\\evil.example/", "/inbox")]
    [InlineData("https://evil.example/", "/inbox")]
    [InlineData("inbox", "/inbox")]
    [InlineData("", "/inbox")]
    [InlineData(null, "/inbox")]
    public void LocalOrInbox_OnlyAPathOnThisSite_IsKept(string? returnUrl, string expected)
    {
        OidcSignIn.LocalOrInbox(returnUrl).ShouldBe(expected);
    }
}
