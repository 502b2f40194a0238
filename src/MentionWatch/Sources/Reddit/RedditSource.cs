using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MentionWatch.Sources.Http;

namespace MentionWatch.Sources.Reddit;

/// <summary>
/// Reddit search over OAuth (<c>/search</c> or <c>/r/{Subreddit}/search</c>, <c>sort=new</c>, 100 a page). Listings
/// are newest first and page backwards with <c>after</c>; a poll reads until it reaches items older than the
/// high-water mark less the overlap (everything past that was read last time), then commits the newest
/// <c>created_utc</c> seen. Posts (<c>t3</c>) and comments (<c>t1</c>, with the parent they reply to) are mapped.
/// Settings: <c>Query</c>, <c>Subreddit</c> (optional), and either <c>Token</c> (a bearer token) or
/// <c>ClientId</c> + <c>ClientSecret</c> (an app-only token is fetched from <c>TokenAddress</c>, default
/// https://www.reddit.com/api/v1/access_token, and reused until it expires); <c>BaseAddress</c> default https://oauth.reddit.com/.
/// </summary>
public sealed class RedditSource(SourceHttpClient http, TimeProvider time) : HttpMentionSource(http, time), IDisposable
{
    private readonly Dictionary<string, (string Token, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _tokenLock = new(1, 1);

    public override string Platform => "reddit";

    public void Dispose() => _tokenLock.Dispose();

    public override async Task<SourcePage> FetchAsync(SourceSettings source, string? cursor, CancellationToken cancellationToken)
    {
        var state = PollCursor.Parse(cursor);
        var now = Time.GetUtcNow();
        state.ThrowIfPaused(now);
        var token = await TokenAsync(source, cancellationToken);
        var subreddit = source.Get("Subreddit");
        var path = subreddit is null ? "search" : $"r/{Uri.EscapeDataString(subreddit)}/search";
        var query = Query(
            ("q", Required(source, "Query")), ("sort", "new"), ("t", "all"), ("limit", "100"), ("raw_json", "1"),
            ("restrict_sr", subreddit is null ? null : "1"), ("after", state.ResumeToken(now)));

        using var page = await GetJsonAsync(source, new Uri(BaseAddress(source, "https://oauth.reddit.com/"), $"{path}?{query}"),
            r => r.Headers.Authorization = new AuthenticationHeaderValue("bearer", token), ThrottleSignals.FromStatus, cancellationToken);
        if (page.Failed is not null) return page.Failed;
        var root = page.Document!.RootElement;
        if (root.Get("data", "children") is not { ValueKind: JsonValueKind.Array })
            return SourcePage.Unreadable("the body is JSON but not a Reddit listing (no data.children)", root.GetRawText());

        var (mentions, quarantined) = MapAll(root.Items("data", "children"), Map, "Reddit item without name, text or created_utc");

        // Reached what the last poll read: the rest of the listing is older still.
        var next = root.Str("data", "after");
        if (WindowStart(state, Overlap(source)) is { } windowStart && mentions.Any(m => m.PostedAt < windowStart)) next = null;
        return Paced(state.Page(mentions, quarantined, next, NewestMark(mentions, now), now, PollCursor.CompareTimes), page.Response);
    }

    private static FetchedMention? Map(JsonElement child)
    {
        var kind = child.Str("kind");
        var data = child.Get("data") ?? default;
        var name = data.Str("name") ?? (data.Str("id") is { } id && kind is not null ? $"{kind}_{id}" : null);
        var text = kind == "t1"
            ? data.Str("body")
            : string.Join("\n\n", new[] { data.Str("title"), data.Str("selftext") }.Where(t => !string.IsNullOrWhiteSpace(t)));
        if (name is null || string.IsNullOrWhiteSpace(text) || data.Time("created_utc") is not { } posted) return null;
        var permalink = data.Str("permalink");
        return new FetchedMention
        {
            ExternalId = name,
            Platform = "reddit",
            Text = text,
            PostedAt = posted,
            Url = permalink is null ? data.Str("url") : $"https://www.reddit.com{permalink}",
            InReplyTo = kind == "t1" ? data.Str("parent_id") : null,
            AuthorHandle = data.Str("author"),
            AuthorDisplayName = data.Str("author"),
            RawPayload = child.GetRawText(),
        };
    }

    private async Task<string> TokenAsync(SourceSettings source, CancellationToken ct)
    {
        if (source.Get("Token") is { } fixedToken) return fixedToken;
        var clientId = Required(source, "ClientId");
        var secret = Required(source, "ClientSecret");
        await _tokenLock.WaitAsync(ct);
        try
        {
            if (_tokens.TryGetValue(source.Id, out var cached) && cached.Expires > Time.GetUtcNow()) return cached.Token;
            using var request = new HttpRequestMessage(HttpMethod.Post, source.Get("TokenAddress") ?? "https://www.reddit.com/api/v1/access_token")
            {
                Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
            var response = await Http.SendAsync(source, request, ct);
            using var page = Read(response, ThrottleSignals.FromStatus);
            var token = page.Document?.RootElement.Str("access_token")
                        ?? throw new HttpRequestException($"Reddit token call for {source.Id} returned no access_token");
            var lifetime = page.Document.RootElement.Get("expires_in") is { ValueKind: JsonValueKind.Number } e && e.TryGetInt32(out var s) ? s : 3600;
            _tokens[source.Id] = (token, Time.GetUtcNow().AddSeconds(lifetime * 0.9));
            return token;
        }
        finally
        {
            _tokenLock.Release();
        }
    }
}
