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
/// mark is informational (newest timestamp). @mentions in captions and comments arrive by webhook, which this
/// poller does not receive (see README). Settings: <c>UserId</c>, <c>Token</c> (secret), <c>Mode</c>,
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
        return Paced(state.Page(mentions, quarantined, next, NewestMark(mentions), now, PollCursor.CompareTimes), page.Response);
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
