using System.Net.Http.Headers;
using System.Text.Json;
using MentionWatch.Sources.Http;

namespace MentionWatch.Sources.Facebook;

/// <summary>
/// Facebook Graph API: posts that tag the trust's Page (<c>/{PageId}/tagged</c>, the default) or the Page's feed with
/// visitor posts (<c>Edge=feed</c>), each with its comments (field expansion, <c>filter(stream)</c>, replies
/// carrying the post or comment they answer). Asks for <c>since</c> = high-water mark less the overlap and follows
/// <c>paging.next</c> until it is absent (Meta: pages may be empty yet have a next); the mark is the newest post
/// <c>created_time</c>. Throttling is read from the error code (4, 17, 32, 341, 613, 80001), never the status alone.
/// Settings: <c>PageId</c>, <c>Token</c> (Page access token, secret), <c>Edge</c>, <c>BaseAddress</c> (default Graph v23.0).
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

        var mark = postTimes.Count > 0 ? PollCursor.TimeMark(postTimes.Max()) : null;
        return Paced(state.Page(mentions, quarantined, GraphPaging.NextPage(root.Str("paging", "next"), baseUri), mark, now, PollCursor.CompareTimes), page.Response);
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
