using System.Net;
using System.Text.Json;
using MentionWatch.Sources.Http;

namespace MentionWatch.Sources.YouTube;

/// <summary>
/// YouTube Data API v3. <c>Mode=search</c> (default): new videos matching <c>Query</c> (<c>search.list</c>,
/// <c>order=date</c>, <c>publishedAfter</c> = mark less the overlap, default 3 hours because indexing lags), 100 quota
/// units a call, so the default interval is 30 minutes. search.list gives only a shortened description: the full
/// title and description of each page's videos come from <c>videos.list</c> (<c>part=snippet</c>, up to 50 ids a call,
/// 1 unit); a video it no longer returns keeps the snippet. <c>Mode=comments</c>: comment threads on the trust's
/// channel and its videos (<c>commentThreads.list</c>, <c>part=snippet,replies</c>, <c>allThreadsRelatedToChannelId</c>,
/// newest first, optional <c>Query</c> as <c>searchTerms</c>), read until older than the window, with every reply: those
/// the thread carries, or all of them from <c>comments.list?parentId=</c> when it carries fewer than its
/// <c>totalReplyCount</c>. <c>quotaExceeded</c> backs off every source on the same key (or <c>ProjectId</c>) until
/// midnight Pacific time, when the quota resets. Settings: <c>Key</c> (API key, secret), <c>Query</c>, <c>ChannelId</c>,
/// <c>Mode</c>, <c>ProjectId</c>, <c>BaseAddress</c> (default https://www.googleapis.com/youtube/v3/).
/// </summary>
public sealed class YouTubeSource(SourceHttpClient http, TimeProvider time) : HttpMentionSource(http, time)
{
    /// <summary>Ids per <c>videos.list</c> call (the API's maximum).</summary>
    public const int VideosPerCall = 50;

    /// <summary>Pages of <c>comments.list</c> read for one thread's replies in one poll (100 replies a page).</summary>
    public const int MaxReplyPages = 20;

    public override string Platform => "youtube";

    // The daily quota is the API key's project's: every source on the key (or a key of the same project) shares it.
    protected override ThrottleScopes Scopes(SourceSettings source) => source.Get("ProjectId") is { } project
        ? new ThrottleScopes($"google-project:{project}", null, null)
        : ThrottleScopes.Credential("google-key", source.Get("Key"));

    public override async Task<SourcePage> FetchAsync(SourceSettings source, string? cursor, CancellationToken cancellationToken)
    {
        var state = PollCursor.Parse(cursor);
        var now = Time.GetUtcNow();
        var comments = string.Equals(source.Get("Mode"), "comments", StringComparison.OrdinalIgnoreCase);
        var windowStart = WindowStart(state, Overlap(source, TimeSpan.FromHours(3)));
        var pageToken = state.ResumeToken(now);
        var key = Required(source, "Key");
        var baseUri = BaseAddress(source, "https://www.googleapis.com/youtube/v3/");
        var path = comments
            ? "commentThreads?" + Query(("part", "snippet,replies"), ("allThreadsRelatedToChannelId", Required(source, "ChannelId")),
                ("searchTerms", source.Get("Query")), ("order", "time"), ("maxResults", "100"), ("textFormat", "plainText"),
                ("pageToken", pageToken), ("key", key))
            : "search?" + Query(("part", "snippet"), ("type", "video"), ("order", "date"), ("maxResults", "50"),
                ("q", Required(source, "Query")), ("publishedAfter", windowStart?.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)),
                ("pageToken", pageToken), ("key", key));

        using var page = await GetJsonAsync(source, new Uri(baseUri, path), null, ThrottleSignals.FromGoogle, cancellationToken);
        if (page.Failed is not null) return page.Failed;
        var root = page.Document!.RootElement;
        if (MissingArray(root, "items") is { } missing) return missing;

        var mentions = new List<FetchedMention>();
        var quarantined = new List<QuarantinedItem>();
        if (comments)
        {
            if (await ReadThreadsAsync(source, root, baseUri, key, mentions, quarantined, cancellationToken) is { } failed) return failed;
        }
        else
        {
            var (videos, failed) = await FullVideosAsync(source, root, baseUri, key, cancellationToken);
            if (failed is not null) return failed;
            foreach (var item in root.Items("items"))
                Add(MapVideo(item, item.Str("id", "videoId") is { } id && videos.TryGetValue(id, out var video) ? video : null), item, mentions, quarantined);
        }

        var next = root.Str("nextPageToken");
        // Comment threads have no time filter: past the window, the rest was read by an earlier poll.
        // A reply is never older than its thread's first comment, so an old reply means an old thread too.
        if (comments && windowStart is { } start && mentions.Any(m => m.PostedAt < start)) next = null;
        return state.Page(mentions, quarantined, next, NewestMark(mentions, now), now, PollCursor.CompareTimes);
    }

    /// <summary>
    /// The full snippet of each video on a search page, by id, from <c>videos.list</c> in calls of up to 50 ids. Returns
    /// the failed page when an answer cannot be read (the search page is then read again next poll).
    /// </summary>
    private async Task<(Dictionary<string, JsonElement> Videos, SourcePage? Failed)> FullVideosAsync(
        SourceSettings source, JsonElement searchPage, Uri baseUri, string key, CancellationToken ct)
    {
        var videos = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var ids = searchPage.Items("items").Select(i => i.Str("id", "videoId")).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        foreach (var batch in ids.Chunk(VideosPerCall))
        {
            var uri = new Uri(baseUri, "videos?" + Query(("part", "snippet"), ("id", string.Join(',', batch)), ("maxResults", "50"), ("key", key)));
            using var answer = await GetJsonAsync(source, uri, null, ThrottleSignals.FromGoogle, ct);
            if (answer.Failed is not null) return (videos, answer.Failed);
            // Cloned: the answer's document is disposed when this batch is done.
            foreach (var video in answer.Document!.RootElement.Items("items"))
                if (video.Str("id") is { } id) videos[id] = video.Clone();
        }

        return (videos, null);
    }

    /// <summary>Each thread's top-level comment and its replies, fetched with <c>comments.list</c> when the thread carries only some.</summary>
    private async Task<SourcePage?> ReadThreadsAsync(
        SourceSettings source, JsonElement page, Uri baseUri, string key, List<FetchedMention> mentions, List<QuarantinedItem> quarantined, CancellationToken ct)
    {
        foreach (var thread in page.Items("items"))
        {
            var video = thread.Str("snippet", "videoId");
            var top = thread.Get("snippet", "topLevelComment") ?? default;
            Add(MapComment(top.ValueKind == JsonValueKind.Object ? top : thread, video, null, thread.GetRawText()), thread, mentions, quarantined);
            var threadId = top.ValueKind == JsonValueKind.Object ? top.Str("id") ?? thread.Str("id") : thread.Str("id");
            var carried = thread.Items("replies", "comments").ToList();
            var total = thread.Get("snippet", "totalReplyCount") is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out var count) ? count : carried.Count;
            if (total <= carried.Count || threadId is null)
            {
                foreach (var reply in carried) Add(MapComment(reply, video, threadId, reply.GetRawText()), reply, mentions, quarantined);
                continue;
            }

            string? pageToken = null;
            for (var replyPage = 0; replyPage < MaxReplyPages; replyPage++)
            {
                var uri = new Uri(baseUri, "comments?" + Query(("part", "snippet"), ("parentId", threadId), ("maxResults", "100"),
                    ("textFormat", "plainText"), ("pageToken", pageToken), ("key", key)));
                using var replies = await GetJsonAsync(source, uri, null, ThrottleSignals.FromGoogle, ct);
                if (replies.Failed is not null) return replies.Failed;
                foreach (var reply in replies.Document!.RootElement.Items("items"))
                    Add(MapComment(reply, video, threadId, reply.GetRawText()), reply, mentions, quarantined);
                if ((pageToken = replies.Document.RootElement.Str("nextPageToken")) is null) break;
            }
        }

        return null;
    }

    private static Mapped MapVideo(JsonElement item, JsonElement? video)
    {
        var id = item.Str("id", "videoId");
        if (id is null || item.Time("snippet", "publishedAt") is not { } posted) return Unreadable("YouTube search result", id, item, "snippet", "publishedAt");
        var snippet = video?.Get("snippet") ?? item.Get("snippet");
        var title = WebUtility.HtmlDecode(snippet?.Str("title") ?? item.Str("snippet", "title") ?? "");
        var description = WebUtility.HtmlDecode(snippet?.Str("description") ?? "");
        var url = $"https://www.youtube.com/watch?v={id}";
        var text = string.Join("\n\n", new[] { title, description }.Where(t => t.Length > 0));
        return new FetchedMention
        {
            ExternalId = id,
            Platform = "youtube",
            Text = text.Length > 0 ? text : MediaDescription.Describe("video", ("Link", url)),
            PostedAt = posted,
            Url = url,
            AuthorHandle = item.Str("snippet", "channelId"),
            AuthorDisplayName = item.Str("snippet", "channelTitle"),
            RawPayload = video is { } full ? $"{{\"search\":{item.GetRawText()},\"video\":{full.GetRawText()}}}" : item.GetRawText(),
        };
    }

    /// <summary>A top-level comment (<paramref name="parentId"/> null: it answers the video) or a reply to the comment <paramref name="parentId"/>.</summary>
    private static Mapped MapComment(JsonElement comment, string? threadVideo, string? parentId, string raw)
    {
        var id = comment.Str("id");
        if (id is null || comment.Time("snippet", "publishedAt") is not { } posted)
            return Unreadable(parentId is null ? "YouTube comment thread" : "YouTube reply", id, comment, "snippet", "publishedAt");
        var text = comment.Str("snippet", "textOriginal") ?? comment.Str("snippet", "textDisplay");
        var video = comment.Str("snippet", "videoId") ?? threadVideo;
        return new FetchedMention
        {
            ExternalId = id,
            Platform = "youtube",
            Text = string.IsNullOrWhiteSpace(text) ? MediaDescription.Describe("comment") : text,
            PostedAt = posted,
            Url = video is null ? null : $"https://www.youtube.com/watch?v={video}&lc={id}",
            InReplyTo = parentId ?? video,
            AuthorHandle = comment.Str("snippet", "authorChannelId", "value"),
            AuthorDisplayName = comment.Str("snippet", "authorDisplayName"),
            RawPayload = raw,
        };
    }
}
