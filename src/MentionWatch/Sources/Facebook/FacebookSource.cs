using System.Net.Http.Headers;
using System.Text.Json;
using MentionWatch.Sources.Http;

namespace MentionWatch.Sources.Facebook;

/// <summary>
/// Facebook Graph API: posts that tag the trust's Page (<c>/{PageId}/tagged</c>, the default) or the Page's feed with
/// visitor posts (<c>Edge=feed</c>), each with its comments (field expansion, <c>filter(stream)</c>, replies
/// carrying the post or comment they answer). Asks for <c>since</c> = high-water mark less the overlap and follows
/// <c>paging.next</c> until it is absent (Meta: pages may be empty yet have a next); the mark is the newest post
/// <c>created_time</c>. <c>Edge=comments</c> instead follows the comments on the Page's posts of the last weeks, so a
/// new comment under an old post is not missed. Throttling is read from the error code (4, 17, 32, 341, 613, 80001),
/// never the status alone. Settings: <c>PageId</c>, <c>Token</c> (Page access token, secret), <c>Edge</c> (<c>tagged</c>,
/// <c>feed</c>, <c>comments</c>), <c>LookbackDays</c>, <c>BaseAddress</c> (default Graph v23.0).
/// </summary>
public sealed class FacebookSource(SourceHttpClient http, TimeProvider time) : HttpMentionSource(http, time)
{
    private const string Fields =
        "id,message,story,created_time,updated_time,permalink_url,from,parent_id,"
        + "comments.filter(stream).limit(50){id,message,created_time,from,permalink_url,parent}";

    public override string Platform => "facebook";

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

        using var page = await GetJsonAsync(source, uri, r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token),
            ThrottleSignals.FromGraph, cancellationToken);
        if (page.Failed is not null) return page.Failed;
        var root = page.Document!.RootElement;
        if (MissingArray(root, "data") is { } missing) return missing;

        var mentions = new List<FetchedMention>();
        var quarantined = new List<QuarantinedItem>();
        var postTimes = new List<DateTimeOffset>();
        foreach (var post in root.Items("data"))
        {
            if (Map(post, inReplyTo: post.Str("parent_id")) is { } mention)
            {
                mentions.Add(mention);
                postTimes.Add(mention.PostedAt);
            }
            else
            {
                quarantined.Add(new QuarantinedItem("Facebook post without id, message or created_time", post.GetRawText()));
            }

            foreach (var comment in post.Items("comments", "data"))
            {
                if (Map(comment, comment.Str("parent", "id") ?? post.Str("id")) is { } reply) mentions.Add(reply);
                else quarantined.Add(new QuarantinedItem("Facebook comment without id, message or created_time", comment.GetRawText()));
            }
        }

        var mark = postTimes.Count > 0 ? PollCursor.TimeMark(postTimes.Max(), now) : null;
        return Paced(state.Page(mentions, quarantined, GraphPaging.NextPage(root.Str("paging", "next"), baseUri), mark, now, PollCursor.CompareTimes), page.Response);
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
            var commentsUri = new Uri(baseUri, $"{Uri.EscapeDataString(postId)}/comments?{Query(("filter", "stream"), ("fields", "id,message,created_time,from,permalink_url,parent"), ("limit", "100"))}");
            for (var commentPage = 0; commentPage < 10 && commentsUri is not null; commentPage++)
            {
                using var comments = await GetJsonAsync(source, commentsUri, Authorize, ThrottleSignals.FromGraph, ct);
                if (comments.Failed is not null) return comments.Failed; // cursor unchanged: the post is read again next poll
                foreach (var comment in comments.Document!.RootElement.Items("data"))
                {
                    if (Map(comment, comment.Str("parent", "id") ?? postId) is { } reply) mentions.Add(reply);
                    else quarantined.Add(new QuarantinedItem("Facebook comment without id, message or created_time", comment.GetRawText()));
                }

                commentsUri = GraphPaging.NextPage(comments.Document.RootElement.Str("paging", "next"), baseUri) is { } next ? new Uri(next) : null;
            }
        }

        var mark = updates.Count > 0 ? PollCursor.TimeMark(updates.Max(), now) : null;
        var nextPosts = pastLookback ? null : GraphPaging.NextPage(root.Str("paging", "next"), baseUri);
        return Paced(state.Page(mentions, quarantined, nextPosts, mark, now, PollCursor.CompareTimes), posts.Response);
    }

    private static FetchedMention? Map(JsonElement item, string? inReplyTo)
    {
        // Apps using Page Public Content Access do not get comment ids; the permalink is then the identity.
        var id = item.Str("id") ?? item.Str("permalink_url");
        var text = item.Str("message") ?? item.Str("story");
        if (id is null || string.IsNullOrWhiteSpace(text) || item.Time("created_time") is not { } posted) return null;
        return new FetchedMention
        {
            ExternalId = id,
            Platform = "facebook",
            Text = text,
            PostedAt = posted,
            Url = item.Str("permalink_url"),
            InReplyTo = inReplyTo,
            AuthorHandle = item.Str("from", "id"),
            AuthorDisplayName = item.Str("from", "name"),
            RawPayload = item.GetRawText(),
        };
    }
}
