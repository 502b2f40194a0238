using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MentionWatch.Sources.Http;

namespace MentionWatch.Sources.X;

/// <summary>
/// X API v2 recent search (<c>GET /2/tweets/search/recent</c>), over <see cref="HttpClient"/>: Tweetinvi is not in
/// the package registry here and has had no release with real v2 support since 2021. The cursor's mark is
/// <c>since_id</c>, taken from the first page's <c>meta.newest_id</c> and committed only after the last page; pages
/// in between keep the same <c>since_id</c> and follow <c>next_token</c> (which does not expire, so a poll cut short
/// resumes). A <c>since_id</c> older than seven days is refused by X; the poll then restarts from
/// <c>start_time</c> seven days back and relies on the unique key for what it had already stored.
/// X's rate window is the bearer token's: a 429 or an exhausted window backs off every source on the same token.
/// Settings: <c>Query</c>, <c>Token</c> (bearer, secret), optional <c>BaseAddress</c> (default https://api.x.com/),
/// <c>MaxResults</c> (10–100, default 100).
/// </summary>
public sealed class XSource(SourceHttpClient http, TimeProvider time) : HttpMentionSource(http, time)
{
    private const string Fields =
        "expansions=author_id&tweet.fields=created_at,lang,conversation_id,referenced_tweets,author_id,entities"
        + "&user.fields=username,name,verified,created_at,description";

    public override string Platform => "x";

    protected override ThrottleScopes Scopes(SourceSettings source) => ThrottleScopes.Credential("x-token", source.Get("Token"));

    public override async Task<SourcePage> FetchAsync(SourceSettings source, string? cursor, CancellationToken cancellationToken)
    {
        var state = PollCursor.Parse(cursor);
        var now = Time.GetUtcNow();
        state.ThrowIfPaused(now);
        var token = Required(source, "Token");
        var baseUri = BaseAddress(source, "https://api.x.com/");
        var query = Query(
            ("query", Required(source, "Query")),
            ("max_results", IntSetting(source, "MaxResults", 100, 10, 100).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("since_id", state.Mark),
            ("next_token", state.ResumeToken(now)));
        var scopes = Scopes(source);
        void Authorize(HttpRequestMessage r)
        {
            r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            r.Options.Set(SourceHttpHandler.ThrottleScopesOption, scopes.All);
        }

        var response = await Http.GetAsync(source, new Uri(baseUri, $"2/tweets/search/recent?{query}&{Fields}"), Authorize, cancellationToken);
        if (response.Status == HttpStatusCode.BadRequest && state.Mark is not null && response.Body.Contains("since_id", StringComparison.OrdinalIgnoreCase))
        {
            // since_id older than the 7-day search window: start again from the window's start.
            var start = (now - TimeSpan.FromDays(7) + TimeSpan.FromMinutes(5)).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
            var restart = Query(("query", Required(source, "Query")), ("max_results", "100"), ("start_time", start));
            state = state with { Mark = null, Next = null };
            response = await Http.GetAsync(source, new Uri(baseUri, $"2/tweets/search/recent?{restart}&{Fields}"), Authorize, cancellationToken);
        }

        using var page = Read(response, ThrottleSignals.FromStatus, scopes);
        if (page.Failed is not null) return page.Failed;
        var root = page.Document!.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return SourcePage.Unreadable("the body is JSON but not an object", response.Body);

        var users = root.Items("includes", "users")
            .Where(u => u.Str("id") is not null)
            .GroupBy(u => u.Str("id")!)
            .ToDictionary(g => g.Key, g => g.First());
        var mentions = new List<FetchedMention>();
        var quarantined = new List<QuarantinedItem>();
        foreach (var post in root.Items("data"))
        {
            users.TryGetValue(post.Str("author_id") ?? "", out var author);
            var raw = author.ValueKind == JsonValueKind.Object
                ? $"{{\"data\":{post.GetRawText()},\"author\":{author.GetRawText()}}}"
                : $"{{\"data\":{post.GetRawText()}}}";
            if (Map(post, author, raw) is { } mention) mentions.Add(mention);
            else quarantined.Add(new QuarantinedItem("X post without id, text or created_at", raw));
        }

        var newest = root.Str("meta", "newest_id")
                     ?? mentions.Select(m => m.ExternalId).Where(IsPostId).DefaultIfEmpty()
                         .MaxBy(id => id, Comparer<string?>.Create((a, b) => PollCursor.CompareIds(a ?? "", b ?? "")));
        return Paced(source, state.Page(mentions, quarantined, root.Str("meta", "next_token"), newest, now, PollCursor.CompareIds), response);
    }

    /// <summary>
    /// An id X could have issued (a 64-bit number): only such an id may become the next <c>since_id</c>. Ids are
    /// ordered by length first, so one hostile or overlong id would otherwise win, and every later search would be
    /// refused as invalid and restarted seven days back.
    /// </summary>
    private static bool IsPostId(string id) => id.Length is > 0 and <= 19 && id.All(char.IsAsciiDigit);

    private static FetchedMention? Map(JsonElement post, JsonElement author, string raw)
    {
        if (post.Str("id") is not { } id || post.Str("text") is not { } text || post.Time("created_at") is not { } posted) return null;
        var hasAuthor = author.ValueKind == JsonValueKind.Object;
        var handle = hasAuthor ? author.Str("username") : null;
        return new FetchedMention
        {
            ExternalId = id,
            Platform = "x",
            Text = text,
            PostedAt = posted,
            Lang = post.Str("lang"),
            Url = handle is null ? $"https://x.com/i/web/status/{id}" : $"https://x.com/{handle}/status/{id}",
            InReplyTo = post.Items("referenced_tweets").FirstOrDefault(r => r.Str("type") == "replied_to").Str("id"),
            // A retweet's text is cut short ("RT @a: first words…"): its id, not its words, says whose post it shares.
            SharedId = post.Items("referenced_tweets").FirstOrDefault(r => r.Str("type") == "retweeted").Str("id"),
            AuthorHandle = handle,
            AuthorDisplayName = hasAuthor ? author.Str("name") : null,
            AuthorDescription = hasAuthor ? author.Str("description") : null,
            AuthorCreatedAt = hasAuthor ? author.Time("created_at") : null,
            AuthorVerified = hasAuthor && author.Bool("verified"),
            RawPayload = raw,
        };
    }
}
