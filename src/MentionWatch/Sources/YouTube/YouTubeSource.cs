using System.Net;
using System.Text.Json;
using MentionWatch.Sources.Http;

namespace MentionWatch.Sources.YouTube;

/// <summary>
/// YouTube Data API v3. <c>Mode=search</c> (default): new videos matching <c>Query</c> (<c>search.list</c>,
/// <c>order=date</c>, <c>publishedAfter</c> = mark less the overlap, default 3 hours because indexing lags), 100 quota
/// units a call, so the default interval is 30 minutes. <c>Mode=comments</c>: comment threads on the trust's channel
/// and its videos (<c>commentThreads.list</c>, <c>allThreadsRelatedToChannelId</c>, newest first, optional
/// <c>Query</c> as <c>searchTerms</c>), read until older than the window, a few units a call. <c>quotaExceeded</c>
/// backs the source off until midnight Pacific time, when the quota resets. Settings: <c>Key</c> (API key, secret),
/// <c>Query</c>, <c>ChannelId</c>, <c>Mode</c>, <c>BaseAddress</c> (default https://www.googleapis.com/youtube/v3/).
/// </summary>
public sealed class YouTubeSource(SourceHttpClient http, TimeProvider time) : HttpMentionSource(http, time)
{
    public override string Platform => "youtube";

    public override async Task<SourcePage> FetchAsync(SourceSettings source, string? cursor, CancellationToken cancellationToken)
    {
        var state = PollCursor.Parse(cursor);
        var now = Time.GetUtcNow();
        var comments = string.Equals(source.Get("Mode"), "comments", StringComparison.OrdinalIgnoreCase);
        var windowStart = WindowStart(state, Overlap(source, TimeSpan.FromHours(3)));
        var pageToken = state.ResumeToken(now);
        var key = Required(source, "Key");
        var path = comments
            ? "commentThreads?" + Query(("part", "snippet"), ("allThreadsRelatedToChannelId", Required(source, "ChannelId")),
                ("searchTerms", source.Get("Query")), ("order", "time"), ("maxResults", "100"), ("textFormat", "plainText"),
                ("pageToken", pageToken), ("key", key))
            : "search?" + Query(("part", "snippet"), ("type", "video"), ("order", "date"), ("maxResults", "50"),
                ("q", Required(source, "Query")), ("publishedAfter", windowStart?.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)),
                ("pageToken", pageToken), ("key", key));

        using var page = await GetJsonAsync(source, new Uri(BaseAddress(source, "https://www.googleapis.com/youtube/v3/"), path), null,
            ThrottleSignals.FromGoogle, cancellationToken);
        if (page.Failed is not null) return page.Failed;
        var root = page.Document!.RootElement;
        if (MissingArray(root, "items") is { } missing) return missing;
        var (mentions, quarantined) = MapAll(root.Items("items"), comments ? MapComment : MapVideo,
            $"YouTube {(comments ? "comment thread" : "search result")} without id, text or publishedAt");

        var next = root.Str("nextPageToken");
        // Comment threads have no time filter: past the window, the rest was read by an earlier poll.
        if (comments && windowStart is { } start && mentions.Any(m => m.PostedAt < start)) next = null;
        return state.Page(mentions, quarantined, next, NewestMark(mentions, now), now, PollCursor.CompareTimes);
    }

    private static FetchedMention? MapVideo(JsonElement item)
    {
        if (item.Str("id", "videoId") is not { } id || item.Time("snippet", "publishedAt") is not { } posted) return null;
        var title = WebUtility.HtmlDecode(item.Str("snippet", "title") ?? "");
        var description = WebUtility.HtmlDecode(item.Str("snippet", "description") ?? "");
        var text = string.Join("\n\n", new[] { title, description }.Where(t => t.Length > 0));
        if (text.Length == 0) return null;
        return new FetchedMention
        {
            ExternalId = id,
            Platform = "youtube",
            Text = text,
            PostedAt = posted,
            Url = $"https://www.youtube.com/watch?v={id}",
            AuthorHandle = item.Str("snippet", "channelId"),
            AuthorDisplayName = item.Str("snippet", "channelTitle"),
            RawPayload = item.GetRawText(),
        };
    }

    private static FetchedMention? MapComment(JsonElement thread)
    {
        var comment = thread.Get("snippet", "topLevelComment") ?? default;
        var id = comment.Str("id") ?? thread.Str("id");
        var text = comment.Str("snippet", "textOriginal") ?? comment.Str("snippet", "textDisplay");
        if (id is null || string.IsNullOrWhiteSpace(text) || comment.Time("snippet", "publishedAt") is not { } posted) return null;
        var video = comment.Str("snippet", "videoId") ?? thread.Str("snippet", "videoId");
        return new FetchedMention
        {
            ExternalId = id,
            Platform = "youtube",
            Text = text,
            PostedAt = posted,
            Url = video is null ? null : $"https://www.youtube.com/watch?v={video}&lc={id}",
            InReplyTo = video,
            AuthorHandle = comment.Str("snippet", "authorChannelId", "value"),
            AuthorDisplayName = comment.Str("snippet", "authorDisplayName"),
            RawPayload = thread.GetRawText(),
        };
    }
}
