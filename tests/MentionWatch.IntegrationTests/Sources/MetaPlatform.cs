using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MentionWatch.IntegrationTests.Sources;

/// <summary>
/// Meta's Graph API for one Facebook Page and one Instagram account, computed from each request as Meta's reference
/// pages describe it (shared/platform-apis/facebook.md, instagram.md; developers.facebook.com/docs/graph-api/results):
/// <list type="bullet">
/// <item>IG User <c>tags</c>: cursor paging with <c>before</c>/<c>after</c> and no <c>next</c>; past the end, no data;</item>
/// <item><c>ig_hashtag_search</c> (counted) and hashtag <c>recent_media</c>, which refuses <c>username</c> with error 100;</item>
/// <item>Page <c>tagged</c> posts with comments expanded by <c>comments.limit(n)</c>: each post's comments in pages with their
/// own <c>paging.next</c>, read on at <c>/{post-id}/comments</c>;</item>
/// <item>a Page-level throttle (code 80001) with <c>X-Business-Use-Case-Usage</c> naming the time to regain access.</item>
/// </list>
/// Install with <c>fake.Responder = platform.Respond</c>.
/// </summary>
public sealed partial class MetaPlatform(Uri baseAddress)
{
    public const string PageId = "104857600123456";
    public const string UserId = "17841400000000001";
    public const string HashtagId = "17841562426109234";

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss+0000", CultureInfo.InvariantCulture);

    /// <summary>Media the account is tagged in, newest first; each a JSON object.</summary>
    public List<Dictionary<string, object?>> Tagged { get; } = [];

    public List<Dictionary<string, object?>> HashtagMedia { get; } = [];

    /// <summary>Posts tagging the Page, newest first, each with its comments oldest first.</summary>
    public List<(Dictionary<string, object?> Post, List<Dictionary<string, object?>> Comments)> Posts { get; } = [];

    public int HashtagSearches { get; private set; }

    /// <summary>Minutes to regain access once the Page's limit is reached; set to throttle every Page call from the next.</summary>
    public int? PageThrottledForMinutes { get; set; }

    public FakeResponse Respond(FakeRequest request)
    {
        lock (this)
        {
            var path = request.Path.Trim('/');
            if (PageThrottledForMinutes is { } minutes && path.StartsWith(PageId, StringComparison.Ordinal)) return PageThrottle(minutes);
            if (path == $"{UserId}/tags") return Paged(Tagged, request, withNext: false);
            if (path == "ig_hashtag_search")
            {
                HashtagSearches++;
                return request.Param("q") == "northshirenhs" && request.Param("user_id") == UserId
                    ? Json(new { data = new[] { new { id = HashtagId } } })
                    : Json(new { data = Array.Empty<object>() });
            }

            if (path == $"{HashtagId}/recent_media")
            {
                if (request.Param("fields")?.Split(',').Contains("username") == true)
                    return new FakeResponse(400, """{"error":{"message":"(#100) Tried accessing nonexisting field (username) on node type (ShadowIGHashtagMedia)","type":"OAuthException","code":100,"fbtrace_id":"AbCdEf"}}""");
                return Paged(HashtagMedia, request, withNext: true);
            }

            if (path == $"{PageId}/tagged" || path == $"{PageId}/feed") return TaggedPosts(request);
            if (path.EndsWith("/comments", StringComparison.Ordinal))
            {
                var post = Posts.FirstOrDefault(p => $"{p.Post["id"]}/comments" == path);
                if (post.Post is null) return new FakeResponse(404, """{"error":{"message":"Unsupported get request.","code":100}}""");
                return Comments(post.Post, post.Comments, request, Limit(request.Param("limit"), 25));
            }

            return new FakeResponse(404, """{"error":{"message":"Unknown path components","type":"OAuthException","code":2500}}""");
        }
    }

    private FakeResponse TaggedPosts(FakeRequest request)
    {
        var commentLimit = NestedLimit().Match(request.Param("fields") ?? "") is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 25;
        var start = Start(Posts.Count, request);
        var page = Posts.Skip(start).Take(Limit(request.Param("limit"), 25)).ToList();
        var data = page.Select(p =>
        {
            var post = new Dictionary<string, object?>(p.Post);
            var comments = Comments(p.Post, p.Comments, new FakeRequest("", new Dictionary<string, string>(), new Dictionary<string, string>()), commentLimit);
            if (p.Comments.Count > 0) post["comments"] = JsonSerializer.Deserialize<JsonElement>(comments.Body);
            return post;
        });
        var end = start + page.Count;
        return Json(new { data, paging = Paging(request, $"{PageId}/tagged", start, end, end < Posts.Count) });
    }

    private FakeResponse Comments(Dictionary<string, object?> post, List<Dictionary<string, object?>> comments, FakeRequest request, int limit)
    {
        var start = Start(comments.Count, request);
        var page = comments.Skip(start).Take(limit).ToList();
        var end = start + page.Count;
        var more = end < comments.Count;
        var paging = new Dictionary<string, object?> { ["cursors"] = new { before = Cursor(start), after = Cursor(end - 1) } };
        if (more) paging["next"] = $"{baseAddress}{post["id"]}/comments?access_token=page-token&limit={limit}&after={Cursor(end - 1)}";
        return Json(new { data = page, paging });
    }

    private FakeResponse Paged(List<Dictionary<string, object?>> items, FakeRequest request, bool withNext)
    {
        var start = Start(items.Count, request);
        if (start >= items.Count) return Json(new { data = Array.Empty<object>() });
        var page = items.Skip(start).Take(Math.Min(Limit(request.Param("limit"), 25), 50)).ToList();
        var end = start + page.Count;
        var paging = new Dictionary<string, object?> { ["cursors"] = new { before = Cursor(start), after = Cursor(end - 1) } };
        if (withNext && end < items.Count) paging["next"] = $"{baseAddress}{request.Path.Trim('/')}?access_token=t&{QueryWithout(request, "after")}&after={Cursor(end - 1)}";
        return Json(new { data = page, paging });
    }

    private object Paging(FakeRequest request, string path, int start, int end, bool more)
    {
        var paging = new Dictionary<string, object?> { ["cursors"] = new { before = Cursor(start), after = Cursor(end - 1) } };
        if (more) paging["next"] = $"{baseAddress}{path}?access_token=page-token&{QueryWithout(request, "after")}&after={Cursor(end - 1)}";
        return paging;
    }

    private static FakeResponse PageThrottle(int minutes) =>
        new(400, """{"error":{"message":"(#80001) There have been too many calls to this Page account. Wait a bit and try again.","type":"OAuthException","code":80001,"fbtrace_id":"Fz54k3GZrio"}}""")
        {
            Headers = new Dictionary<string, string>
            {
                ["x-business-use-case-usage"] = $$"""{"{{PageId}}":[{"type":"pages","call_count":100,"total_cputime":12,"total_time":14,"estimated_time_to_regain_access":{{minutes}}}]}""",
            },
        };

    private static int Start(int count, FakeRequest request) =>
        request.Param("after") is { } after ? Math.Min(Index(after) + 1, count) : 0;

    private static string Cursor(int index) => $"QVFI{index + 1000}";

    private static int Index(string cursor) => int.Parse(cursor[4..], CultureInfo.InvariantCulture) - 1000;

    private static int Limit(string? value, int fallback) => int.TryParse(value, CultureInfo.InvariantCulture, out var n) ? n : fallback;

    private static string QueryWithout(FakeRequest request, string name) =>
        string.Join("&", request.Query.Where(q => q.Key != name && q.Key != "access_token").Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value)}"));

    private static FakeResponse Json(object body) => new(200, JsonSerializer.Serialize(body));

    [GeneratedRegex(@"comments(?:\.[a-z]+\([^)]*\))*\.limit\((\d+)\)")]
    private static partial Regex NestedLimit();
}
