using System.Text.RegularExpressions;

namespace MentionWatch.IntegrationTests.Sources;

/// <summary>Reddit against a fake that pages, forgets deleted anchors and expires tokens as Reddit does (<see cref="RedditPlatform"/>).</summary>
[Collection(ServersCollection.Name)]
public sealed class RedditSourceTests(ServersFixture servers)
{
    [Fact]
    public async Task Poll_AfterAnchorDeletedDuringThePause_RepagedFromTheNewestAndEveryPostStored()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new RedditScript());
        var platform = new RedditPlatform { LimitReachedAtSearch = 1 };
        platform.Add(Enumerable.Range(1, 199).Select(Post.Number));
        h.Fake.Responder = platform.Respond;

        // The first page says the rate window is spent: it is stored, and the run pauses with its anchor in the cursor.
        (await h.PollAsync()).ShouldBe(100);
        var paused = (await h.HealthAsync()).Cursor;
        paused.Next.ShouldBe(RedditPlatform.Fullname(Post.Number(100)));
        paused.Mark.ShouldBeNull();

        // While the run waits, the anchor is deleted: Reddit now lists nothing after it.
        platform.Delete(Post.Number(100));
        h.Clock.Advance(TimeSpan.FromSeconds(301));
        (await h.PollAsync()).ShouldBe(99);

        (await h.ScalarAsync("select count(*) from mentions")).ShouldBe(199);
        var requests = h.Fake.Requests.ToList();
        requests[1].Param("after").ShouldBe(RedditPlatform.Fullname(Post.Number(100))); // the vanished anchor: an empty listing
        requests[2].Param("after").ShouldBeNull();                                       // paged again from the newest
        var health = await h.HealthAsync();
        health.Cursor.Mark.ShouldBe(h.Script.ExpectedMark(Post.Number(199)));
        health.Cursor.Next.ShouldBeNull();
        health.Cursor.Repaged.ShouldBeNull();
        health.LastError.ShouldBeNull();
    }

    [Fact]
    public async Task Poll_TokenRevokedMidRun_NewTokenOnceAndTheRunGoesOn()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new RedditScript());
        h.Source.Settings.Remove("Token");
        h.Source.Settings["ClientId"] = "test-client";
        h.Source.Settings["ClientSecret"] = "test-secret";
        var platform = new RedditPlatform { RevokeTokensAfterSearch = 1 };
        platform.Add(Enumerable.Range(1, 150).Select(Post.Number));
        h.Fake.Responder = platform.Respond;

        (await h.PollAsync()).ShouldBe(150);

        var requests = h.Fake.Requests.ToList();
        requests.Select(r => (r.Method, r.Path, r.Header("Authorization"))).ShouldBe(
        [
            ("POST", "/api/v1/access_token", "Basic dGVzdC1jbGllbnQ6dGVzdC1zZWNyZXQ="),
            ("GET", "/search", "bearer token-1"),
            ("GET", "/search", "bearer token-1"), // 401: the token was revoked
            ("POST", "/api/v1/access_token", "Basic dGVzdC1jbGllbnQ6dGVzdC1zZWNyZXQ="),
            ("GET", "/search", "bearer token-2"),
        ]);
        requests[4].Param("after").ShouldBe(RedditPlatform.Fullname(Post.Number(51)));
        // Client credentials went to the host BaseAddress names, never to www.reddit.com (TokenAddress is derived from it).
        // Every request says who is calling, as Reddit requires.
        requests.ShouldAllBe(r => Regex.IsMatch(r.Header("User-Agent") ?? "", @"^dotnet:uk\.nhs\.mentionwatch:v\d+\.\d+\.\d+ \(by /u/northshire_comms\)$"));
        var health = await h.HealthAsync();
        health.LastError.ShouldBeNull();
        health.Cursor.Mark.ShouldBe(h.Script.ExpectedMark(Post.Number(150)));
    }
}
