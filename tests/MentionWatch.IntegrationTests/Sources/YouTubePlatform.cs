using System.Globalization;
using System.Net;
using System.Text.Json;

namespace MentionWatch.IntegrationTests.Sources;

/// <summary>
/// YouTube Data API v3 computed from each request as Google's reference pages describe it (shared/platform-apis/youtube.md;
/// developers.google.com/youtube/v3/docs/search/list, videos/list, commentThreads/list, comments/list):
/// <list type="bullet">
/// <item><c>search.list</c> gives each video's description shortened to one line ending in "...";</item>
/// <item><c>videos.list?part=snippet&amp;id=…</c> gives the full description, for at most 50 ids a call (more is a 400);</item>
/// <item><c>commentThreads.list</c> carries replies only with <c>part=replies</c>, and only some (here the first
/// <see cref="RepliesCarried"/>) of a thread's <c>totalReplyCount</c>;</item>
/// <item><c>comments.list?parentId=</c> gives all of a thread's replies, <c>maxResults</c> (default 20) a page.</item>
/// </list>
/// Install with <c>fake.Responder = platform.Respond</c>.
/// </summary>
public sealed class YouTubePlatform
{
    public const int RepliesCarried = 5;

    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>Videos, newest first: id, posted time, title, full description.</summary>
    public List<(string Id, DateTimeOffset At, string Title, string Description)> Videos { get; } = [];

    /// <summary>Comment threads, newest first: the top-level comment and its replies, oldest first.</summary>
    public List<(string Id, string VideoId, DateTimeOffset At, string Text, List<(string Id, DateTimeOffset At, string Text, string Author)> Replies)> Threads { get; } = [];

    public FakeResponse Respond(FakeRequest request)
    {
        lock (this)
        {
            return request.Path switch
            {
                "/search" => Search(request),
                "/videos" => VideosList(request),
                "/commentThreads" => CommentThreads(request),
                "/comments" => Comments(request),
                _ => Error(404, "notFound", "global"),
            };
        }
    }

    /// <summary>A <c>videos.list</c> answer holding <paramref name="videos"/>.</summary>
    public static FakeResponse VideosAnswer(IEnumerable<object> videos) =>
        new(200, JsonSerializer.Serialize(new { kind = "youtube#videoListResponse", items = videos }));

    /// <summary>A video resource as <c>videos.list?part=snippet</c> gives it: the full title and description.</summary>
    public static object Video(string id, DateTimeOffset at, string title, string description) => new
    {
        kind = "youtube#video",
        id,
        snippet = new
        {
            publishedAt = Iso(at), channelId = "UCo_q6aOlvPH7M-j_XGWVgXg", title = WebUtility.HtmlEncode(title), description,
            channelTitle = "Northshire Local News", liveBroadcastContent = "none",
        },
    };

    public static object Video(string id, Post post) => Video(id, post.At, post.Text, $"We followed a night shift in the emergency department. {post.Text}");

    /// <summary>What search.list makes of a description: its first line, cut to 100 characters with "..." (shortened, as search shows it).</summary>
    public static string Shortened(string description)
    {
        var line = description.Split('\n')[0];
        return line.Length > 100 ? line[..100] + " ..." : line;
    }

    private FakeResponse Search(FakeRequest request)
    {
        var max = Math.Clamp(int.Parse(request.Param("maxResults") ?? "5", CultureInfo.InvariantCulture), 0, 50);
        var start = request.Param("pageToken") is { } token ? int.Parse(token[1..], CultureInfo.InvariantCulture) : 0;
        var page = Videos.Skip(start).Take(max).ToList();
        var next = start + page.Count < Videos.Count ? $"P{start + page.Count}" : null;
        return new FakeResponse(200, JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["kind"] = "youtube#searchListResponse",
            ["nextPageToken"] = next,
            ["pageInfo"] = new { totalResults = Videos.Count, resultsPerPage = max },
            ["items"] = page.Select(v => new
            {
                kind = "youtube#searchResult",
                id = new { kind = "youtube#video", videoId = v.Id },
                snippet = new
                {
                    publishedAt = Iso(v.At), channelId = "UCo_q6aOlvPH7M-j_XGWVgXg", title = WebUtility.HtmlEncode(v.Title),
                    description = Shortened(v.Description), channelTitle = "Northshire Local News", liveBroadcastContent = "none",
                },
            }),
        }.Where(kv => kv.Value is not null).ToDictionary()));
    }

    private FakeResponse VideosList(FakeRequest request)
    {
        if (request.Param("part") != "snippet") return Error(400, "invalidPart", "youtube.part");
        var ids = (request.Param("id") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length > 50) return Error(400, "tooManyIds", "youtube.parameter"); // the id list is capped at 50
        var known = Videos.Where(v => ids.Contains(v.Id)).Select(v => Video(v.Id, v.At, v.Title, v.Description));
        return VideosAnswer(known);
    }

    private FakeResponse CommentThreads(FakeRequest request)
    {
        var parts = (request.Param("part") ?? "").Split(',');
        var withReplies = parts.Contains("replies");
        return new FakeResponse(200, JsonSerializer.Serialize(new
        {
            kind = "youtube#commentThreadListResponse",
            items = Threads.Select(t =>
            {
                var thread = new Dictionary<string, object?>
                {
                    ["kind"] = "youtube#commentThread",
                    ["id"] = t.Id,
                    ["snippet"] = new
                    {
                        channelId = "UCNorthshireHospitals0001", videoId = t.VideoId,
                        topLevelComment = Comment(t.Id, t.VideoId, t.At, t.Text, "Chris Wood", null),
                        canReply = true, totalReplyCount = t.Replies.Count, isPublic = true,
                    },
                };
                if (withReplies && t.Replies.Count > 0)
                    thread["replies"] = new { comments = t.Replies.Take(RepliesCarried).Select(r => Comment(r.Id, t.VideoId, r.At, r.Text, r.Author, t.Id)) };
                return thread;
            }),
        }));
    }

    private FakeResponse Comments(FakeRequest request)
    {
        if (request.Param("parentId") is not { } parent) return Error(400, "missingRequiredParameter", "global");
        var thread = Threads.FirstOrDefault(t => t.Id == parent);
        if (thread.Id is null) return Error(404, "commentNotFound", "youtube.comment");
        var max = Math.Clamp(int.Parse(request.Param("maxResults") ?? "20", CultureInfo.InvariantCulture), 1, 100);
        var start = request.Param("pageToken") is { } token ? int.Parse(token[1..], CultureInfo.InvariantCulture) : 0;
        var page = thread.Replies.Skip(start).Take(max).ToList();
        var next = start + page.Count < thread.Replies.Count ? $"R{start + page.Count}" : null;
        return new FakeResponse(200, JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["kind"] = "youtube#commentListResponse",
            ["nextPageToken"] = next,
            ["items"] = page.Select(r => Comment(r.Id, thread.VideoId, r.At, r.Text, r.Author, parent)),
        }.Where(kv => kv.Value is not null).ToDictionary()));
    }

    private static object Comment(string id, string videoId, DateTimeOffset at, string text, string author, string? parentId) => new
    {
        kind = "youtube#comment",
        id,
        snippet = new Dictionary<string, object?>
        {
            ["authorDisplayName"] = author, ["authorChannelId"] = new { value = $"UC{author.Replace(" ", "", StringComparison.Ordinal)}" },
            ["videoId"] = videoId, ["textDisplay"] = text, ["textOriginal"] = text, ["parentId"] = parentId,
            ["publishedAt"] = Iso(at), ["updatedAt"] = Iso(at),
        }.Where(kv => kv.Value is not null).ToDictionary(),
    };

    private static FakeResponse Error(int code, string reason, string domain) => new(code, JsonSerializer.Serialize(new
    {
        error = new { code, message = reason, errors = new[] { new { message = reason, domain, reason } } },
    }));
}
