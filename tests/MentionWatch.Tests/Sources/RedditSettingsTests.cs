using MentionWatch.Sources;
using MentionWatch.Sources.Reddit;

namespace MentionWatch.Tests.Sources;

public sealed class RedditSettingsTests
{
    [Theory]
    // Built from the deployment's own Reddit account: unique per deployment, in the form Reddit requires.
    [InlineData("northshire_comms", null, null, "dotnet:uk.nhs.mentionwatch:v{0} (by /u/northshire_comms)")]
    [InlineData("/u/northshire_comms", "uk.nhs.northshire.mentions", null, "dotnet:uk.nhs.northshire.mentions:v{0} (by /u/northshire_comms)")]
    // A complete User-Agent of the required form is used as given.
    [InlineData(null, null, "android:com.example.myredditapp:v1.2.3 (by /u/kemitche)", "android:com.example.myredditapp:v1.2.3 (by /u/kemitche)")]
    public void UserAgent_UsernameOrCompleteUserAgent_TheFormRedditRequires(string? username, string? appId, string? userAgent, string expected)
    {
        var source = Source(("Username", username), ("AppId", appId), ("UserAgent", userAgent));
        var version = typeof(RedditSource).Assembly.GetName().Version!;

        RedditSource.UserAgent(source, out var problem).ShouldBe(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, $"{version.Major}.{version.Minor}.{Math.Max(version.Build, 0)}"));
        problem.ShouldBeNull();
    }

    [Theory]
    // Nothing to say who is calling: refused (a generic User-Agent is what Reddit limits hardest).
    [InlineData(null, null)]
    [InlineData("a b", null)]
    // A User-Agent without "(by /u/…)".
    [InlineData(null, "dotnet:mentionwatch:v1.0 (NHS trust mention monitoring)")]
    public void UserAgent_NoUsableUsername_RefusedWithTheReason(string? username, string? userAgent)
    {
        RedditSource.UserAgent(Source(("Username", username), ("UserAgent", userAgent)), out var problem).ShouldBeNull();
        problem.ShouldNotBeNull().ShouldContain("(by /u/<username>)");
    }

    [Theory]
    // Nothing set: Reddit's own hosts.
    [InlineData(null, null, "https://www.reddit.com/api/v1/access_token")]
    // BaseAddress set to Reddit's own API host: the token still comes from www.reddit.com.
    [InlineData("https://oauth.reddit.com/", null, "https://www.reddit.com/api/v1/access_token")]
    // BaseAddress names another host (a proxy, a fake): the token is asked of it, never of Reddit with our credentials.
    [InlineData("https://proxy.trust.nhs.example/reddit/", null, "https://proxy.trust.nhs.example/reddit/api/v1/access_token")]
    // TokenAddress set: used as given.
    [InlineData("https://proxy.trust.nhs.example/reddit/", "https://auth.trust.nhs.example/token", "https://auth.trust.nhs.example/token")]
    public void TokenAddress_FollowsBaseAddressUnlessSet(string? baseAddress, string? tokenAddress, string expected)
    {
        RedditSource.TokenAddress(Source(("BaseAddress", baseAddress), ("TokenAddress", tokenAddress))).ShouldBe(new Uri(expected));
    }

    private static SourceSettings Source(params (string Key, string? Value)[] settings)
    {
        var source = new SourceSettings { Id = "reddit-northshire", Platform = "reddit" };
        foreach (var (key, value) in settings)
        {
            if (value is not null) source.Settings[key] = value;
        }

        return source;
    }
}
