using System.Net.Http.Headers;
using System.Text.Json;
using MentionWatch.Sources.Http;

namespace MentionWatch.Sources.Facebook;

/// <summary>
/// Facebook Graph API: posts that tag the trust's Page (<c>/{PageId}/tagged</c>, the default) or the Page's feed with
/// visitor posts (<c>Edge=feed</c>), each with its comments (field expansion, <c>filter(stream)</c>, replies
/// carrying the post or comment they answer). Asks for <c>since</c> = high-water mark less the overlap and follows
/// <c>paging.next</c> until it is absent (Meta: pages may be empty yet have a next); the mark is the newest post
/// <c>created_time</c>. A post's expanded comments come 50 to a page with their own <c>paging</c>: each post's further
/// comment pages are read through its nested <c>next</c> (up to <see cref="MaxCommentPages"/>) before the page is stored.
/// Posts and comments with no words (a photo, a link, a sticker) are stored with a description of what they carry. <c>Edge=comments</c> instead follows the comments on the Page's posts of the last weeks, so a
/// new comment under an old post is not missed. Throttling is read from the error code (4, 17, 32, 341, 613, 80001),
/// never the status alone, and backs off every source sharing the limit it names (token, Page, app:
/// <see cref="ThrottleScopes.Meta"/>). Settings: <c>PageId</c>, <c>Token</c> (Page access token, secret), <c>Edge</c>
/// (<c>tagged</c>, <c>feed</c>, <c>comments</c>), <c>LookbackDays</c>, <c>AppId</c>, <c>BaseAddress</c> (default Graph v23.0).
/// </summary>
public sealed class FacebookSource(SourceHttpClient http, TimeProvider time) : HttpMentionSource(http, time)
{
    /// <summary>Comment pages read under one post in one page of posts (100 a page after the first 50).</summary>
    public const int MaxCommentPages = 20;

    private const string CommentFields = "id,message,created_time,from,permalink_url,parent,attachment{type,title,description,url}";

    private const string Fields =
        "id,message,story,created_time,updated_time,permalink_url,from,parent_id,attachments{type,media_type,title,description,url},"
        + "comments.filter(stream).limit(50){" + CommentFields + "}";

    public override string Platform => "facebook";

    protected override ThrottleScopes Scopes(SourceSettings source) => ThrottleScopes.Meta(source, Required(source, "PageId"));

    public override async Task<SourcePage> FetchAsync(SourceSettings source, string? cursor, CancellationToken cancellationToken)
    {
        var state = PollCursor.Parse(cursor);
        var now = Time.GetUtcNow();
        state.ThrowIfPaused(now);
        var token = Required(source, "Token");
        var baseUri = BaseAddress(source, GraphPaging.DefaultBaseAddress);
        var edge = source.Get("Edge") ?? "tagged";
        if (edge == "comments") return await FetchCommentsAsync(source, state, token, baseUri, cancellationToken);
        var since = WindowStart(state, Overlap(source))?.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var uri = state.ResumeToken(now) is { } resume
            ? new Uri(resume)
            : new Uri(baseUri, $"{Uri.EscapeDataString(Required(source, "PageId"))}/{edge}?{Query(("fields", Fields), ("limit", "100"), ("since", since))}");

        void Authorize(HttpRequestMessage r) => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var page = await GetJsonAsync(source, uri, Authorize, ThrottleSignals.FromGraph, cancellationToken);
        if (page.Failed is not null) return page.Failed;
        var root = page.Document!.RootElement;
        if (MissingArray(root, "data") is { } missing) return missing;

        var mentions = new List<FetchedMention>();
        var quarantined = new List<QuarantinedItem>();
        var postTimes = new List<DateTimeOffset>();
        foreach (var post in root.Items("data"))
        {
            // A post with a parent is a share of it (or the story of a mention in it): it joins that post's story.
            var mapped = Map(post, null, "Facebook post", sharedId: post.Str("parent_id"));
            Add(mapped, post, mentions, quarantined);
            if (mapped.Mention is { } mention) postTimes.Add(mention.PostedAt);

            var postId = post.Str("id");
            foreach (var comment in post.Items("comments", "data"))
                Add(Map(comment, comment.Str("parent", "id") ?? postId, "Facebook comment"), comment, mentions, quarantined);
            var more = GraphPaging.NextPage(post.Str("comments", "paging", "next"), baseUri);
            if (more is not null && await ReadCommentsAsync(source, new Uri(more), postId, baseUri, Authorize, mentions, quarantined, cancellationToken) is { } failed)
                return failed; // cursor unchanged: the page of posts is read again next poll
        }

        var mark = postTimes.Count > 0 ? PollCursor.TimeMark(postTimes.Max(), now) : null;
        return Paced(source, state.Page(mentions, quarantined, GraphPaging.NextPage(root.Str("paging", "next"), baseUri), mark, now, PollCursor.CompareTimes), page.Response);
    }

    /// <summary>
    /// A post's comments from <paramref name="uri"/> on, following each page's <c>paging.next</c> (Meta: no <c>next</c>
    /// is the last page) for up to <see cref="MaxCommentPages"/> pages. Returns the failed page when one cannot be read.
    /// </summary>
    private async Task<SourcePage?> ReadCommentsAsync(
        SourceSettings source, Uri? uri, string? postId, Uri baseUri, Action<HttpRequestMessage> authorize,
        List<FetchedMention> mentions, List<QuarantinedItem> quarantined, CancellationToken ct)
    {
        for (var commentPage = 0; commentPage < MaxCommentPages && uri is not null; commentPage++)
        {
            using var comments = await GetJsonAsync(source, uri, authorize, ThrottleSignals.FromGraph, ct);
            if (comments.Failed is not null) return comments.Failed;
            foreach (var comment in comments.Document!.RootElement.Items("data"))
                Add(Map(comment, comment.Str("parent", "id") ?? postId, "Facebook comment"), comment, mentions, quarantined);
            uri = GraphPaging.NextPage(comments.Document.RootElement.Str("paging", "next"), baseUri) is { } next ? new Uri(next) : null;
        }

        return null;
    }

    /// <summary>
    /// <c>Edge=comments</c>: comments on the Page's posts, however old the post. Reads the Page feed newest first
    /// back <c>LookbackDays</c> (default 30) and, for each post whose <c>updated_time</c> (moved by every new comment)
    /// is newer than the mark less the overlap, all its comments (<c>filter=stream</c>, replies included); the
    /// mark is the newest <c>updated_time</c> read. The first poll reads comments on posts updated in the last day.
    /// </summary>
    private async Task<SourcePage> FetchCommentsAsync(SourceSettings source, PollCursor state, string token, Uri baseUri, CancellationToken ct)
    {
        var now = Time.GetUtcNow();
        var windowStart = WindowStart(state, Overlap(source)) ?? now - TimeSpan.FromDays(1);
        var lookbackStart = now - TimeSpan.FromDays(IntSetting(source, "LookbackDays", 30, 1, 365));
        void Authorize(HttpRequestMessage r) => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var uri = state.ResumeToken(now) is { } resume
            ? new Uri(resume)
            : new Uri(baseUri, $"{Uri.EscapeDataString(Required(source, "PageId"))}/feed?{Query(("fields", "id,created_time,updated_time"), ("limit", "100"))}");

        using var posts = await GetJsonAsync(source, uri, Authorize, ThrottleSignals.FromGraph, ct);
        if (posts.Failed is not null) return posts.Failed;
        var root = posts.Document!.RootElement;
        if (MissingArray(root, "data") is { } missing) return missing;

        var mentions = new List<FetchedMention>();
        var quarantined = new List<QuarantinedItem>();
        var updates = new List<DateTimeOffset>();
        var pastLookback = false;
        foreach (var post in root.Items("data"))
        {
            pastLookback |= post.Time("created_time") < lookbackStart;
            if (post.Str("id") is not { } postId || post.Time("updated_time") is not { } updated || updated < windowStart) continue;
            updates.Add(updated);
            var commentsUri = new Uri(baseUri, $"{Uri.EscapeDataString(postId)}/comments?{Query(("filter", "stream"), ("fields", CommentFields), ("limit", "100"))}");
            if (await ReadCommentsAsync(source, commentsUri, postId, baseUri, Authorize, mentions, quarantined, ct) is { } failed)
                return failed; // cursor unchanged: the post is read again next poll
        }

        var mark = updates.Count > 0 ? PollCursor.TimeMark(updates.Max(), now) : null;
        var nextPosts = pastLookback ? null : GraphPaging.NextPage(root.Str("paging", "next"), baseUri);
        return Paced(source, state.Page(mentions, quarantined, nextPosts, mark, now, PollCursor.CompareTimes), posts.Response);
    }

    private static Mapped Map(JsonElement item, string? inReplyTo, string what, string? sharedId = null)
    {
        // Apps using Page Public Content Access do not get comment ids; the permalink is then the identity.
        var id = item.Str("id") ?? item.Str("permalink_url");
        if (id is null || item.Time("created_time") is not { } posted) return Unreadable(what, id, item, "created_time");
        var text = item.Str("message") ?? item.Str("story");
        return new FetchedMention
        {
            ExternalId = id,
            Platform = "facebook",
            Text = string.IsNullOrWhiteSpace(text) ? Describe(item, what) : text,
            PostedAt = posted,
            Url = item.Str("permalink_url"),
            InReplyTo = inReplyTo,
            SharedId = sharedId,
            AuthorHandle = item.Str("from", "id"),
            AuthorDisplayName = item.Str("from", "name"),
            RawPayload = item.GetRawText(),
        };
    }

    /// <summary>What a post or comment with no words carries: its attachment (a comment's one, a post's first), in words.</summary>
    private static string Describe(JsonElement item, string what)
    {
        var attachment = item.Get("attachment") ?? item.Items("attachments", "data").Cast<JsonElement?>().FirstOrDefault();
        if (attachment is not { } a) return MediaDescription.Describe(what.Replace("Facebook ", "", StringComparison.Ordinal));
        return MediaDescription.Describe(MediaDescription.Kind(a.Str("type") ?? a.Str("media_type")),
            ("Title", a.Str("title")), ("Description", a.Str("description")), ("Link", a.Str("url")));
    }
}
