using System.Globalization;
using System.Net;
using System.Security;
using System.Text.Json.Nodes;
using MentionWatch.Mentions;
using MentionWatch.Sources;
using MentionWatch.Sources.Http;
using MentionWatch.TestData;

namespace MentionWatch.IntegrationTests.Sources;

/// <summary>X API v2 recent search (shared/platform-apis/x.md).</summary>
public sealed class XScript : PlatformScript
{
    public override string Platform => "x";

    public override SourceSettings Source(Uri baseAddress) =>
        Settings("x-trust", "x", baseAddress, ("Query", "\"Northshire Hospitals\""), ("Token", "test-bearer"));

    public override string ExternalId(Post post) => $"18510000000000{post.N:D5}";

    public override FakeResponse Page(Uri baseAddress, IReadOnlyList<Post> posts, int page, bool more) => new(200, Serialize(new
    {
        data = posts.Select(p => new { id = ExternalId(p), text = p.Text, created_at = Iso(p.At), author_id = "987654321", lang = "en", edit_history_tweet_ids = new[] { ExternalId(p) } }),
        includes = new { users = new[] { new { id = "987654321", name = "Sam Patel", username = "sampatel_north", verified = false, created_at = "2013-12-14T04:35:55.000Z", description = "Dad of two." } } },
        meta = new Dictionary<string, object?>
        {
            ["newest_id"] = posts.Count > 0 ? posts.Select(ExternalId).Max() : null,
            ["result_count"] = posts.Count,
            ["next_token"] = more ? $"token{page + 1}" : null,
        }.Where(kv => kv.Value is not null).ToDictionary(),
    }));

    public override FakeResponse Empty() => new(200, """{"meta":{"result_count":0}}""");

    public override (FakeResponse, DateTimeOffset) Throttle(DateTimeOffset now)
    {
        var reset = now.AddMinutes(15).ToUnixTimeSeconds();
        return (new FakeResponse(429, """{"title":"Too Many Requests","type":"about:blank","status":429,"detail":"Too Many Requests"}""")
        {
            Headers = new Dictionary<string, string> { ["x-rate-limit-reset"] = reset.ToString(CultureInfo.InvariantCulture), ["x-rate-limit-remaining"] = "0" },
        }, DateTimeOffset.FromUnixTimeSeconds(reset));
    }

    // The author goes into includes.users, joined by author_id, as X sends it. meta.newest_id is left out, so the
    // adapter's fallback (the newest id among the items) meets the hostile id too.
    public override FakeResponse WithHostile(FakeResponse page, MentionJson wire) => InsertHostile(page, root => root["data"]!.AsArray(), new JsonObject
    {
        ["id"] = wire.Id, ["text"] = wire.Text, ["created_at"] = Iso(wire.PostedAt!.Value), ["author_id"] = "4242424242", ["lang"] = wire.Lang ?? "en",
        ["edit_history_tweet_ids"] = new JsonArray(wire.Id),
    }, root =>
    {
        root["meta"]!.AsObject().Remove("newest_id");
        if (wire.Author is { } author)
        {
            root["includes"]!["users"]!.AsArray().Add(new JsonObject
            {
                ["id"] = "4242424242", ["name"] = author.DisplayName, ["username"] = author.Handle, ["verified"] = false, ["description"] = author.Description,
            });
        }
    });

    public override string ExpectedMark(Post newest) => ExternalId(newest);

    public override (string?, string?) StartEvidence(FakeRequest request, Post newest) => (request.Param("since_id"), ExternalId(newest));
}

/// <summary>RSS 2.0 (shared/platform-apis/feeds.md), with an ETag for conditional GET.</summary>
public sealed class FeedScript : PlatformScript
{
    public override string Platform => "rss";

    public override bool Pages => false;

    public override SourceSettings Source(Uri baseAddress) => Settings("rss-news", "rss", baseAddress, ("Url", new Uri(baseAddress, "feed.xml").ToString()));

    public override string ExternalId(Post post) => $"https://news.example.org/health/{post.N}";

    public override FakeResponse Page(Uri baseAddress, IReadOnlyList<Post> posts, int page, bool more)
    {
        var items = string.Concat(posts.Select(p => $"""
            <item><title>{p.Text.Replace("&", "&amp;", StringComparison.Ordinal)}</title><link>https://news.example.org/health/{p.N}</link>
            <guid isPermaLink="true">{ExternalId(p)}</guid><pubDate>{p.At.ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture)} GMT</pubDate>
            <description>&lt;p&gt;Local news about the trust&lt;/p&gt;</description></item>
            """));
        return new FakeResponse(200, $"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Northshire News</title><language>en-gb</language>{items}</channel></rss>""",
            "application/rss+xml; charset=utf-8") { Headers = new Dictionary<string, string> { ["ETag"] = $"\"v{posts.Count}\"" } };
    }

    // Text goes in as RSS carries it (markup entity-encoded); hostile units as raw characters or character references.
    public override FakeResponse WithHostile(FakeResponse page, MentionJson wire)
    {
        string X(string? text) => SecurityElement.Escape(text ?? "");
        var item = $"""
            <item><title>{X(wire.Text)}</title><link>{X(wire.Url ?? "https://news.example.org/hostile")}</link><guid isPermaLink="false">{X(wire.Id)}</guid>
            <pubDate>{wire.PostedAt!.Value.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture)} GMT</pubDate>
            <dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">{X(wire.Author?.Handle)}</dc:creator><x:unknown xmlns:x="urn:example:unknown">@@0000@@ @@DC00@@</x:unknown></item>
            """;
        var at = page.Body.IndexOf("</item>", StringComparison.Ordinal) + "</item>".Length;
        return page with { Body = HostileCorpus.XmlEscaped(page.Body.Insert(at, item)) };
    }

    public override FakeResponse Empty() => Page(new Uri("http://unused/"), [], 1, false);

    public override (FakeResponse, DateTimeOffset) Throttle(DateTimeOffset now) =>
        (new FakeResponse(503, "busy", "text/plain") { Headers = new Dictionary<string, string> { ["Retry-After"] = "3600" } }, now.AddHours(1));

    public override string MalformedBody => """<?xml version="1.0"?><rss version="2.0"><channel><item><title>Northshire""";

    public override string MalformedReason => "not well-formed XML";

    public override (string?, string?) StartEvidence(FakeRequest request, Post newest) => (request.Header("If-None-Match"), "\"v3\"");

    /// <summary>
    /// An RSS 2.0 document of <paramref name="items"/> (each an <c>&lt;item&gt;</c> element as written), with optional
    /// channel elements such as <c>&lt;ttl&gt;</c>. Every item element is optional in RSS, pubDate and guid included.
    /// </summary>
    public static FakeResponse Rss(string channelExtras, params string[] items) => new(200,
        $"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Northshire News</title><link>https://news.example.org/</link><description>Health news</description>{channelExtras}{string.Concat(items)}</channel></rss>""",
        "application/rss+xml; charset=utf-8");

    /// <summary>An Atom 1.0 document of <paramref name="entries"/> (each an <c>&lt;entry&gt;</c> element as written).</summary>
    public static FakeResponse AtomFeed(params string[] entries) => new(200,
        $"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><id>urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6</id><title>Northshire Health Watch</title><updated>2026-11-23T10:00:00Z</updated>{string.Concat(entries)}</feed>""",
        "application/atom+xml");
}

/// <summary>Reddit OAuth search listing (shared/platform-apis/reddit.md).</summary>
public sealed class RedditScript : PlatformScript
{
    public override string Platform => "reddit";

    public override SourceSettings Source(Uri baseAddress) =>
        Settings("reddit-northshire", "reddit", baseAddress, ("Query", "\"Northshire General\""), ("Token", "test-token"), ("Username", "northshire_comms"));

    public override string ExternalId(Post post) => $"t3_1gf{post.N:D4}";

    public override FakeResponse Page(Uri baseAddress, IReadOnlyList<Post> posts, int page, bool more) => new(200, Serialize(new
    {
        kind = "Listing",
        data = new
        {
            after = more ? ExternalId(posts[^1]) : null,
            dist = posts.Count,
            children = posts.Select(p => new
            {
                kind = "t3",
                data = new
                {
                    id = $"1gf{p.N:D4}", name = ExternalId(p), title = p.Text, selftext = "Is this normal now?", author = "northshire_local_88",
                    created_utc = (double)p.At.ToUnixTimeSeconds(), permalink = $"/r/northshire/comments/1gf{p.N:D4}/post/", edited = false,
                },
            }),
            before = (string?)null,
        },
    })) { Headers = new Dictionary<string, string> { ["x-ratelimit-remaining"] = "997.0", ["x-ratelimit-used"] = "3", ["x-ratelimit-reset"] = "15" } };

    public override FakeResponse WithHostile(FakeResponse page, MentionJson wire) => InsertHostile(page, root => root["data"]!["children"]!.AsArray(), new JsonObject
    {
        ["kind"] = "t3",
        ["data"] = new JsonObject
        {
            ["id"] = wire.Id, ["name"] = wire.Id, ["title"] = wire.Text, ["selftext"] = "", ["author"] = wire.Author?.Handle,
            ["created_utc"] = (double)wire.PostedAt!.Value.ToUnixTimeSeconds(), ["permalink"] = "/r/northshire/comments/hostile/post/", ["edited"] = false,
        },
    });

    public override FakeResponse Empty() => new(200, """{"kind":"Listing","data":{"after":null,"dist":0,"children":[],"before":null}}""");

    public override (FakeResponse, DateTimeOffset) Throttle(DateTimeOffset now) =>
        (new FakeResponse(429, """{"message": "Too Many Requests", "error": 429}""") { Headers = new Dictionary<string, string> { ["x-ratelimit-reset"] = "300", ["x-ratelimit-remaining"] = "0.0" } }, now.AddSeconds(300));

    // Reddit's search has no "since": the cursor decides where reading stops, not what is asked for.
    public override (string?, string?) StartEvidence(FakeRequest request, Post newest) => (request.Param("after"), null);
}

/// <summary>Care Opinion API v2 opinions (shared/platform-apis/careopinion.md): oldest first, skip/take.</summary>
public sealed class CareOpinionScript : PlatformScript
{
    public override string Platform => "careopinion";

    public override bool NewestFirst => false;

    public override SourceSettings Source(Uri baseAddress) => Settings("careopinion-trust", "careopinion", baseAddress, ("Token", "test-key"), ("Take", "2"));

    public override string ExternalId(Post post) => (1234500 + post.N).ToString(CultureInfo.InvariantCulture);

    public override FakeResponse Page(Uri baseAddress, IReadOnlyList<Post> posts, int page, bool more) => new(200, Serialize(posts.Select(p => new
    {
        id = 1234500 + p.N, title = "Kind staff but a long wait", body = p.Text, dateOfSubmission = Iso(p.At), dateOfPublication = Iso(p.At.AddHours(1)),
        criticality = "mildly critical", authorRole = "patient",
        links = new[] { new { rel = "healthservice", id = "RXX01", href = "https://www.careopinion.org.uk/api/v2/healthservices/RXX01" } },
    })));

    public override bool HasHandle => false;

    // Care Opinion ids are numbers; a hostile id that is all digits is sent as one (however long), any other as a string.
    public override FakeResponse WithHostile(FakeResponse page, MentionJson wire) => InsertHostile(page, root => root.AsArray(), new JsonObject
    {
        ["id"] = wire.Id!.All(char.IsAsciiDigit) ? JsonNode.Parse(wire.Id!) : wire.Id,
        ["body"] = wire.Text, ["dateOfSubmission"] = Iso(wire.PostedAt!.Value), ["dateOfPublication"] = Iso(wire.PostedAt!.Value),
        ["criticality"] = "not critical", ["authorRole"] = wire.Author?.DisplayName ?? wire.Author?.Handle,
    });

    public override FakeResponse Empty() => new(200, "[]");

    // Take is 2: a last page of two or more is full, so the adapter asks for the next offset and gets [].
    public override FakeResponse[] Responses(Uri baseAddress, IReadOnlyList<Post> posts, int page, bool more) =>
        !more && posts.Count >= 2 ? [Page(baseAddress, posts, page, more), Empty()] : [Page(baseAddress, posts, page, more)];

    public override (FakeResponse, DateTimeOffset) Throttle(DateTimeOffset now) =>
        (new FakeResponse(429, "") { Headers = new Dictionary<string, string> { ["Retry-After"] = "120" } }, now.AddSeconds(120));

    public override string MalformedBody => """[{"id": 1, "body": "Northshire""";

    // The mark is the publication time (an hour after submission here); posted_at stays the submission time.
    public override string ExpectedMark(Post newest) => PollCursor.TimeMark(newest.At.AddHours(1));

    public override (string?, string?) StartEvidence(FakeRequest request, Post newest) =>
        (request.Param("publishedafter"), newest.At.AddHours(1).AddMinutes(-30).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
}

/// <summary>Facebook Graph /{page-id}/tagged with nested comments (shared/platform-apis/facebook.md).</summary>
public sealed class FacebookScript : PlatformScript
{
    public override string Platform => "facebook";

    public override SourceSettings Source(Uri baseAddress) =>
        Settings("facebook-page", "facebook", baseAddress, ("PageId", "104857600123456"), ("Token", "test-page-token"));

    public override string ExternalId(Post post) => $"2121008874780932_24274144774{post.N:D5}";

    public override FakeResponse Page(Uri baseAddress, IReadOnlyList<Post> posts, int page, bool more) => new(200, Serialize(new
    {
        data = posts.Select(p => new
        {
            id = ExternalId(p), message = p.Text, created_time = p.At.ToString("yyyy-MM-ddTHH:mm:ss+0000", CultureInfo.InvariantCulture),
            updated_time = p.At.ToString("yyyy-MM-ddTHH:mm:ss+0000", CultureInfo.InvariantCulture),
            from = new { name = "Alex Morgan", id = "7001234567890123" },
        }),
        paging = more
            ? (object)new { cursors = new { after = $"QVFI{page + 1}" }, next = $"{baseAddress}104857600123456/tagged?limit=100&access_token=test-page-token&after=QVFI{page + 1}" }
            : new { cursors = new { after = "QVFIend" } },
    }));

    public override FakeResponse WithHostile(FakeResponse page, MentionJson wire) => InsertHostile(page, root => root["data"]!.AsArray(), new JsonObject
    {
        ["id"] = wire.Id, ["message"] = wire.Text, ["created_time"] = Meta(wire.PostedAt!.Value), ["updated_time"] = Meta(wire.PostedAt!.Value),
        ["permalink_url"] = wire.Url, ["from"] = new JsonObject { ["name"] = wire.Author?.DisplayName ?? wire.Author?.Handle, ["id"] = wire.Author?.Handle },
    });

    public override FakeResponse Empty() => new(200, """{"data":[]}""");

    public override (FakeResponse, DateTimeOffset) Throttle(DateTimeOffset now) =>
        (new FakeResponse(400, """{"error":{"message":"(#32) Page request limit reached","type":"OAuthException","code":32,"fbtrace_id":"Fz54k3GZrio"}}""")
        {
            Headers = new Dictionary<string, string>
            {
                ["x-business-use-case-usage"] = """{"104857600123456":[{"type":"pages","call_count":100,"total_cputime":23,"total_time":23,"estimated_time_to_regain_access":30}]}""",
            },
        }, now.AddMinutes(30));

    public override (string?, string?) StartEvidence(FakeRequest request, Post newest) =>
        (request.Param("since"), newest.At.AddMinutes(-10).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
}

/// <summary>
/// Instagram Graph /{ig-user-id}/tags (shared/platform-apis/instagram.md): as Meta's IG User Tags reference says, pages
/// carry <c>cursors.before</c>/<c>after</c> and never <c>next</c>; asked past the last item, the edge answers no data.
/// </summary>
public sealed class InstagramScript : PlatformScript
{
    public override string Platform => "instagram";

    public override SourceSettings Source(Uri baseAddress) =>
        Settings("instagram-tags", "instagram", baseAddress, ("UserId", "17841400000000001"), ("Token", "test-token"), ("MaxPages", "5"));

    public override string ExternalId(Post post) => $"180881588831{post.N:D5}";

    public override FakeResponse Page(Uri baseAddress, IReadOnlyList<Post> posts, int page, bool more) => new(200, Serialize(new
    {
        data = posts.Select(p => new
        {
            id = ExternalId(p), caption = p.Text, media_type = "IMAGE", permalink = $"https://www.instagram.com/p/C8x{p.N}/",
            timestamp = p.At.ToString("yyyy-MM-ddTHH:mm:ss+0000", CultureInfo.InvariantCulture), username = "northshire_parent",
        }),
        paging = new { cursors = new { before = $"QVFIb{page}", after = more ? $"QVFI{page + 1}" : "QVFIend" } },
    }));

    public override FakeResponse[] Responses(Uri baseAddress, IReadOnlyList<Post> posts, int page, bool more) =>
        !more && posts.Count > 0 ? [Page(baseAddress, posts, page, more), Empty()] : [Page(baseAddress, posts, page, more)];

    public override FakeResponse WithHostile(FakeResponse page, MentionJson wire) => InsertHostile(page, root => root["data"]!.AsArray(), new JsonObject
    {
        ["id"] = wire.Id, ["caption"] = wire.Text, ["media_type"] = "IMAGE", ["permalink"] = wire.Url,
        ["timestamp"] = Meta(wire.PostedAt!.Value), ["username"] = wire.Author?.Handle,
    });

    public override FakeResponse Empty() => new(200, """{"data":[]}""");

    public override (FakeResponse, DateTimeOffset) Throttle(DateTimeOffset now) =>
        (new FakeResponse(403, """{"error":{"message":"(#80002) There have been too many calls to this Instagram account.","type":"OAuthException","code":80002}}"""), now.AddHours(1));

    // The tags edge takes no time filter: each poll reads the first pages again.
    public override (string?, string?) StartEvidence(FakeRequest request, Post newest) => (request.Param("since"), null);
}

/// <summary>
/// YouTube Data API v3 search.list (shared/platform-apis/youtube.md), each page followed by the <c>videos.list</c>
/// answer with the full descriptions of its videos.
/// </summary>
public sealed class YouTubeScript : PlatformScript
{
    public override string Platform => "youtube";

    public override SourceSettings Source(Uri baseAddress) =>
        Settings("youtube-search", "youtube", baseAddress, ("Query", "\"Northshire Hospitals\""), ("Key", "test-key"));

    public override string ExternalId(Post post) => $"gQ_1zX-F{post.N:D3}";

    public override FakeResponse Page(Uri baseAddress, IReadOnlyList<Post> posts, int page, bool more) => new(200, Serialize(new Dictionary<string, object?>
    {
        ["kind"] = "youtube#searchListResponse",
        ["nextPageToken"] = more ? $"CBkQA{page + 1}" : null,
        ["pageInfo"] = new { totalResults = 1000000, resultsPerPage = 50 },
        ["items"] = posts.Select(p => new
        {
            kind = "youtube#searchResult",
            id = new { kind = "youtube#video", videoId = ExternalId(p) },
            snippet = new { publishedAt = Iso(p.At), channelId = "UCo_q6aOlvPH7M-j_XGWVgXg", title = p.Text.Replace("&", "&amp;", StringComparison.Ordinal), description = "We followed a night shift ...", channelTitle = "Northshire Local News", liveBroadcastContent = "none" },
        }),
    }.Where(kv => kv.Value is not null).ToDictionary()));

    public override FakeResponse[] Responses(Uri baseAddress, IReadOnlyList<Post> posts, int page, bool more) =>
        posts.Count > 0 ? [Page(baseAddress, posts, page, more), YouTubePlatform.VideosAnswer(posts.Select(p => YouTubePlatform.Video(ExternalId(p), p)))] : [Page(baseAddress, posts, page, more)];

    // YouTube HTML-escapes titles; the channel is the author (its id the handle, its title the display name).
    public override FakeResponse WithHostile(FakeResponse page, MentionJson wire) => InsertHostile(page, root => root["items"]!.AsArray(), new JsonObject
    {
        ["kind"] = "youtube#searchResult",
        ["id"] = new JsonObject { ["kind"] = "youtube#video", ["videoId"] = wire.Id },
        ["snippet"] = new JsonObject
        {
            ["publishedAt"] = Iso(wire.PostedAt!.Value), ["channelId"] = wire.Author?.Handle, ["title"] = WebUtility.HtmlEncode(wire.Text),
            ["description"] = "", ["channelTitle"] = wire.Author?.DisplayName, ["liveBroadcastContent"] = "none",
        },
    });

    public override FakeResponse Empty() => new(200, """{"kind":"youtube#searchListResponse","pageInfo":{"totalResults":0,"resultsPerPage":50},"items":[]}""");

    public override (FakeResponse, DateTimeOffset) Throttle(DateTimeOffset now) =>
        (new FakeResponse(403, """{"error":{"code":403,"message":"The request cannot be completed because you have exceeded your quota.","errors":[{"message":"quota","domain":"youtube.quota","reason":"quotaExceeded"}]}}"""),
            ThrottleSignals.NextPacificMidnight(now));

    public override (string?, string?) StartEvidence(FakeRequest request, Post newest) =>
        (request.Param("publishedAfter"), newest.At.AddHours(-3).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
}
