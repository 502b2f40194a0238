using MentionWatch.Web.Pages.Admin;

namespace MentionWatch.Tests.Web;

public sealed class SourcesModelTests
{
    [Theory]
    // Ordinary settings are shown as they are.
    [InlineData("Query", "\"Riverbend NHS\" -is:retweet", "\"Riverbend NHS\" -is:retweet")]
    [InlineData("Path", "/data/mentions.jsonl", "/data/mentions.jsonl")]
    [InlineData("BaseAddress", "https://news.example.org/feed.xml", "https://news.example.org/feed.xml")]
    // Named like a credential: never shown.
    [InlineData("Token", "AAAA-secret", "(set, hidden)")]
    [InlineData("ApiKey", "k", "(set, hidden)")]
    [InlineData("ClientSecret", "s", "(set, hidden)")]
    // An address with a password or a query string: shown without them.
    [InlineData("BaseAddress", "https://bot:hunter2@api.example.org/v2/search", "https://api.example.org/v2/search (credentials hidden)")]
    [InlineData("Feed", "https://feeds.example.org/rss?key=abc123", "https://feeds.example.org/rss (credentials hidden)")]
    // Empty says so.
    [InlineData("Token", "", "(not set)")]
    public void Shown_Setting_HidesWhatMayBeACredential(string key, string value, string expected)
    {
        SourcesModel.Shown(key, value).ShouldBe(expected);
    }
}
