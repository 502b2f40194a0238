using System.Globalization;
using System.Text.Json;

namespace MentionWatch.IntegrationTests.Sources;

/// <summary>
/// Reddit's OAuth search and app-only token (shared/platform-apis/reddit.md), computed from each request rather than
/// scripted: listings newest first, <c>limit</c> at most 100, <c>after</c> a fullname; an <c>after</c> naming an item
/// Reddit no longer has answers an empty listing with <c>after</c> null and <c>dist</c> 0; a token from
/// <c>POST /api/v1/access_token</c> (HTTP Basic) is good until <see cref="RevokeTokensAfterSearch"/>, after which a search answers
/// 401 <c>{"message": "Unauthorized", "error": 401}</c>. Install with <c>fake.Responder = platform.Respond</c>.
/// </summary>
public sealed class RedditPlatform
{
    private readonly List<Post> _posts = [];
    // The bearer token RedditScript configures, as if issued before the test.
    private readonly HashSet<string> _tokens = new(StringComparer.Ordinal) { "test-token" };
    private int _issued;
    private int _searches;

    /// <summary>The search (1-based) whose answer says no requests are left in the window, for 300 seconds.</summary>
    public int? LimitReachedAtSearch { get; set; }

    /// <summary>The search after which every token issued so far stops working.</summary>
    public int? RevokeTokensAfterSearch { get; set; }

    public static string Fullname(Post post) => $"t3_1gf{post.N:D4}";

    public void Add(IEnumerable<Post> posts)
    {
        lock (_posts) _posts.AddRange(posts);
    }

    /// <summary>Deletes a post: it leaves every listing, and an <c>after</c> naming it finds nothing.</summary>
    public void Delete(Post post)
    {
        lock (_posts) _posts.RemoveAll(p => p.N == post.N);
    }

    public FakeResponse Respond(FakeRequest request)
    {
        lock (_posts)
        {
            if (request.Method == "POST" && request.Path.EndsWith("/api/v1/access_token", StringComparison.Ordinal))
            {
                if (request.Header("Authorization")?.StartsWith("Basic ", StringComparison.Ordinal) != true)
                    return new FakeResponse(401, """{"message": "Unauthorized", "error": 401}""");
                var token = $"token-{++_issued}";
                _tokens.Add(token);
                return new FakeResponse(200, $$"""{"access_token": "{{token}}", "token_type": "bearer", "expires_in": 86400, "scope": "*"}""");
            }

            if (!request.Path.EndsWith("/search", StringComparison.Ordinal)) return new FakeResponse(404, """{"message": "Not Found", "error": 404}""");
            var bearer = request.Header("Authorization") is { } auth && auth.StartsWith("bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..] : null;
            if (bearer is null || !_tokens.Contains(bearer)) return new FakeResponse(401, """{"message": "Unauthorized", "error": 401}""");

            var search = ++_searches;
            if (search == RevokeTokensAfterSearch) _tokens.Clear();
            var limit = Math.Min(int.Parse(request.Param("limit") ?? "25", CultureInfo.InvariantCulture), 100);
            var listing = _posts.OrderByDescending(p => p.At).ThenByDescending(p => p.N).ToList();
            var start = 0;
            if (request.Param("after") is { } after)
            {
                var anchor = listing.FindIndex(p => Fullname(p) == after);
                start = anchor < 0 ? listing.Count : anchor + 1; // a vanished anchor: nothing after it
            }

            var page = listing.Skip(start).Take(limit).ToList();
            var more = start + page.Count < listing.Count;
            var body = JsonSerializer.Serialize(new
            {
                kind = "Listing",
                data = new
                {
                    after = more ? Fullname(page[^1]) : null,
                    dist = page.Count,
                    modhash = (string?)null,
                    geo_filter = (string?)null,
                    children = page.Select(p => new
                    {
                        kind = "t3",
                        data = new
                        {
                            id = $"1gf{p.N:D4}", name = Fullname(p), title = p.Text, selftext = "Is this normal now?", author = "northshire_local_88",
                            created_utc = (double)p.At.ToUnixTimeSeconds(), permalink = $"/r/northshire/comments/1gf{p.N:D4}/post/", edited = false,
                        },
                    }),
                    before = (string?)null,
                },
            });
            var remaining = search == LimitReachedAtSearch ? "0.0" : "997.0";
            return new FakeResponse(200, body)
            {
                Headers = new Dictionary<string, string> { ["x-ratelimit-remaining"] = remaining, ["x-ratelimit-used"] = "3", ["x-ratelimit-reset"] = "300" },
            };
        }
    }
}
