using System.Net.Http.Headers;
using System.Text.Json;
using MentionWatch.Sources.Facebook;
using MentionWatch.Sources.Http;

namespace MentionWatch.Sources.Instagram;

/// <summary>
/// Instagram Graph API: media the trust's business account is tagged in (<c>/{UserId}/tags</c>, the default), or
/// recent media for a hashtag (<c>Mode=hashtag</c>, <c>/{hashtag-id}/recent_media</c>). Neither edge takes a time
/// filter and neither is reliably in date order, so each poll re-reads the first <c>MaxPages</c> pages (tags:
/// default 3; hashtag: all of its 24 hours, up to 50 pages) and the unique key drops what was stored before. The tags
/// edge sends <c>cursors.after</c> and never <c>next</c>: the next request is built from the cursor
/// (<see cref="GraphPaging.NextFromCursors"/>). A hashtag is configured by name (<c>Hashtag</c>): its id is looked up
/// once with <c>ig_hashtag_search</c> and kept in the cursor, each new one counted against the account's 30 a week
/// (<see cref="InstagramHashtagBudget"/>); an explicit <c>HashtagId</c> is used as it is. Media with no caption are
/// stored with a description of what they carry. The mark is informational (newest timestamp). @mentions in captions
/// and comments cannot be polled: they arrive by webhook (<see cref="InstagramWebhook"/>), which fetches each with
/// <see cref="FetchMentionAsync"/>. Settings: <c>UserId</c>, <c>Token</c> (secret), <c>Mode</c>, <c>Hashtag</c> or
/// <c>HashtagId</c>, <c>MaxPages</c>, <c>AppId</c>, <c>BaseAddress</c> (default Graph v23.0).
/// </summary>
public sealed class InstagramSource(SourceHttpClient http, TimeProvider time, InstagramHashtagBudget hashtags) : HttpMentionSource(http, time)
{
    private const string TagsFields = "id,caption,media_type,media_url,permalink,timestamp,username,comments_count,like_count";

    /// <summary>The fields Meta documents for hashtag media: no <c>username</c>, which it does not return there.</summary>
    private const string HashtagFields = "id,caption,media_type,media_url,permalink,timestamp,comments_count,like_count";

    public override string Platform => "instagram";

    protected override ThrottleScopes Scopes(SourceSettings source) => ThrottleScopes.Meta(source, Required(source, "UserId"));

    public override async Task<SourcePage> FetchAsync(SourceSettings source, string? cursor, CancellationToken cancellationToken)
    {
        var state = PollCursor.Parse(cursor);
        var now = Time.GetUtcNow();
        state.ThrowIfPaused(now);
        var token = Required(source, "Token");
        var baseUri = BaseAddress(source, GraphPaging.DefaultBaseAddress);
        var hashtag = string.Equals(source.Get("Mode"), "hashtag", StringComparison.OrdinalIgnoreCase);
        var userId = Required(source, "UserId");
        var maxPages = IntSetting(source, "MaxPages", hashtag ? 50 : 3, 1, 200);
        void Authorize(HttpRequestMessage r) => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (hashtag)
        {
            var (id, failed) = await HashtagIdAsync(source, state, userId, baseUri, Authorize, cancellationToken);
            if (id is null) return failed!;
            state = state with { Hashtag = source.Get("Hashtag"), HashtagId = id };
        }

        var uri = state.ResumeToken(now) is { } resume
            ? new Uri(resume)
            : hashtag
                ? new Uri(baseUri, $"{Uri.EscapeDataString(state.HashtagId!)}/recent_media?{Query(("user_id", userId), ("fields", HashtagFields), ("limit", "50"))}")
                : new Uri(baseUri, $"{Uri.EscapeDataString(userId)}/tags?{Query(("fields", TagsFields), ("limit", "50"))}");

        using var page = await GetJsonAsync(source, uri, Authorize, ThrottleSignals.FromGraph, cancellationToken);
        if (page.Failed is not null) return page.Failed;
        var root = page.Document!.RootElement;
        if (MissingArray(root, "data") is { } missing) return missing;
        var (mentions, quarantined) = MapAll(root.Items("data"), Map);

        // Hashtag pages carry next (their after cursor is the same on every page); the tags edge only its cursors.
        var next = state.PagesRead(now) >= maxPages ? null
            : hashtag ? GraphPaging.NextPage(root.Str("paging", "next"), baseUri)
            : GraphPaging.NextFromCursors(root, uri, baseUri);
        return Paced(source, state.Page(mentions, quarantined, next, NewestMark(mentions, now), now, PollCursor.CompareTimes), page.Response);
    }

    /// <summary>
    /// The hashtag's id: <c>HashtagId</c> when configured, the one in the cursor when it was found for the same name,
    /// else one <c>ig_hashtag_search</c>, counted against the account's weekly 30. An answer naming no hashtag is
    /// returned as an unreadable page (quarantined, the source's last error), so a misspelt name is seen.
    /// </summary>
    private async Task<(string? Id, SourcePage? Failed)> HashtagIdAsync(
        SourceSettings source, PollCursor state, string userId, Uri baseUri, Action<HttpRequestMessage> authorize, CancellationToken ct)
    {
        if (source.Get("HashtagId") is { } configured) return (configured, null);
        var name = source.Get("Hashtag")?.TrimStart('#')
                   ?? throw new InvalidOperationException($"Source {source.Id} (instagram, Mode=hashtag) has neither Settings:Hashtag nor Settings:HashtagId.");
        if (state.HashtagId is { } cached && string.Equals(state.Hashtag?.TrimStart('#'), name, StringComparison.OrdinalIgnoreCase)) return (cached, null);

        hashtags.Spend(userId, name);
        var uri = new Uri(baseUri, $"ig_hashtag_search?{Query(("user_id", userId), ("q", name))}");
        using var answer = await GetJsonAsync(source, uri, authorize, ThrottleSignals.FromGraph, ct);
        if (answer.Failed is not null) return (null, answer.Failed);
        var root = answer.Document!.RootElement;
        // Current answers hold a data array; an older guide shows a bare { "id": … }.
        var id = root.Items("data").Select(h => h.Str("id")).FirstOrDefault(i => i is not null) ?? root.Str("id");
        return id is null
            ? (null, SourcePage.Unreadable($"ig_hashtag_search found no hashtag named '{name}'", root.GetRawText()))
            : (id, null);
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
            ? MapAll([item], Map)
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

    private static Mapped Map(JsonElement media)
    {
        var id = media.Str("id");
        if (id is null || media.Time("timestamp") is not { } posted) return Unreadable("Instagram media", id, media, "timestamp");
        var caption = media.Str("caption");
        return new FetchedMention
        {
            ExternalId = id,
            Platform = "instagram",
            Text = string.IsNullOrWhiteSpace(caption)
                ? MediaDescription.Describe(MediaDescription.Kind(media.Str("media_type")), ("Alt text", media.Str("alt_text")), ("Link", media.Str("permalink")))
                : caption,
            PostedAt = posted,
            Url = media.Str("permalink"),
            AuthorHandle = media.Str("username"),
            AuthorDisplayName = media.Str("username"),
            RawPayload = media.GetRawText(),
        };
    }
}
