using System.Net.Http.Headers;
using System.Text.Json;
using MentionWatch.Sources.Facebook;
using MentionWatch.Sources.Http;

namespace MentionWatch.Sources.Instagram;

/// <summary>
/// Instagram Graph API: media the trust's business account is tagged in (<c>/{UserId}/tags</c>, the default), or
/// recent media for a hashtag (<c>Mode=hashtag</c>, <c>/{HashtagId}/recent_media</c>). Neither edge takes a time
/// filter and neither is reliably in date order, so each poll re-reads the first <c>MaxPages</c> pages (tags:
/// default 3; hashtag: all of its 24 hours, up to 50 pages) and the unique key drops what was stored before. The
/// mark is informational (newest timestamp). @mentions in captions and comments cannot be polled: they arrive by
/// webhook (<see cref="InstagramWebhook"/>), which fetches each with <see cref="FetchMentionAsync"/>. Settings: <c>UserId</c>, <c>Token</c> (secret), <c>Mode</c>,
/// <c>HashtagId</c>, <c>MaxPages</c>, <c>BaseAddress</c> (default Graph v23.0).
/// </summary>
public sealed class InstagramSource(SourceHttpClient http, TimeProvider time) : HttpMentionSource(http, time)
{
    private const string Fields = "id,caption,media_type,permalink,timestamp,username,comments_count,like_count";

    public override string Platform => "instagram";

    public override async Task<SourcePage> FetchAsync(SourceSettings source, string? cursor, CancellationToken cancellationToken)
    {
        var state = PollCursor.Parse(cursor);
        var now = Time.GetUtcNow();
        state.ThrowIfPaused(now);
        var token = Required(source, "Token");
        var baseUri = BaseAddress(source, GraphPaging.DefaultBaseAddress);
        var hashtag = string.Equals(source.Get("Mode"), "hashtag", StringComparison.OrdinalIgnoreCase);
        var userId = Uri.EscapeDataString(Required(source, "UserId"));
        var maxPages = IntSetting(source, "MaxPages", hashtag ? 50 : 3, 1, 200);
        var uri = state.ResumeToken(now) is { } resume
            ? new Uri(resume)
            : hashtag
                ? new Uri(baseUri, $"{Uri.EscapeDataString(Required(source, "HashtagId"))}/recent_media?{Query(("user_id", userId), ("fields", Fields), ("limit", "50"))}")
                : new Uri(baseUri, $"{userId}/tags?{Query(("fields", Fields), ("limit", "50"))}");

        using var page = await GetJsonAsync(source, uri, r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token),
            ThrottleSignals.FromGraph, cancellationToken);
        if (page.Failed is not null) return page.Failed;
        var root = page.Document!.RootElement;
        if (MissingArray(root, "data") is { } missing) return missing;
        var (mentions, quarantined) = MapAll(root.Items("data"), Map, "Instagram media without id, caption or timestamp");

        var next = state.PagesRead(now) < maxPages ? GraphPaging.NextPage(root.Str("paging", "next"), baseUri) : null;
        return Paced(state.Page(mentions, quarantined, next, NewestMark(mentions, now), now, PollCursor.CompareTimes), page.Response);
    }

    private const string MentionedMediaFields = "id,caption,comments_count,like_count,media_type,media_url,timestamp,username";
    private const string MentionedCommentFields = "id,like_count,media,text,timestamp,username";

    /// <summary>
    /// Fetches one webhook-notified @mention with the documented follow-up query: <c>mentioned_comment</c> when the
    /// notification named a comment, <c>mentioned_media</c> otherwise. Returns a page of one mention, or of one
    /// quarantined item when the answer cannot be mapped; throttles and HTTP failures throw, as in a poll.
    /// </summary>
    public async Task<SourcePage> FetchMentionAsync(SourceSettings source, string mediaId, string? commentId, CancellationToken cancellationToken)
    {
        var token = Required(source, "Token");
        var baseUri = BaseAddress(source, GraphPaging.DefaultBaseAddress);
        var userId = Uri.EscapeDataString(Required(source, "UserId"));
        var fields = commentId is null
            ? $"mentioned_media.media_id({mediaId}){{{MentionedMediaFields}}}"
            : $"mentioned_comment.comment_id({commentId}){{{MentionedCommentFields}}}";
        var uri = new Uri(baseUri, $"{userId}?{Query(("fields", fields))}");

        using var page = await GetJsonAsync(source, uri, r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token),
            ThrottleSignals.FromGraph, cancellationToken);
        if (page.Failed is not null) return page.Failed;
        var root = page.Document!.RootElement;
        var name = commentId is null ? "mentioned_media" : "mentioned_comment";
        if (root.Get(name) is not { ValueKind: JsonValueKind.Object } item)
            return SourcePage.Unreadable($"the Instagram {name} answer has no {name} object", root.GetRawText());
        var (mentions, quarantined) = commentId is null
            ? MapAll([item], Map, "Instagram mentioned media without id, caption or timestamp")
            : MapAll([item], m => MapComment(m, mediaId), "Instagram mentioned comment without id, text or timestamp");
        return new SourcePage { Mentions = mentions, Quarantined = quarantined };
    }

    private static FetchedMention? MapComment(JsonElement comment, string mediaId)
    {
        if (comment.Str("id") is not { } id || comment.Str("text") is not { } text || comment.Time("timestamp") is not { } posted) return null;
        return new FetchedMention
        {
            ExternalId = id,
            Platform = "instagram",
            Text = text,
            PostedAt = posted,
            AuthorHandle = comment.Str("username"),
            AuthorDisplayName = comment.Str("username"),
            // A comment replies to the media it is on.
            InReplyTo = comment.Str("media", "id") ?? comment.Str("media") ?? mediaId,
            RawPayload = comment.GetRawText(),
        };
    }

    private static FetchedMention? Map(JsonElement media)
    {
        if (media.Str("id") is not { } id || media.Str("caption") is not { } caption || media.Time("timestamp") is not { } posted) return null;
        return new FetchedMention
        {
            ExternalId = id,
            Platform = "instagram",
            Text = caption,
            PostedAt = posted,
            Url = media.Str("permalink"),
            AuthorHandle = media.Str("username"),
            AuthorDisplayName = media.Str("username"),
            RawPayload = media.GetRawText(),
        };
    }
}
