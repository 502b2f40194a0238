using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MentionWatch.Sources.Http;

namespace MentionWatch.Sources.Reddit;

/// <summary>
/// Reddit search over OAuth (<c>/search</c> or <c>/r/{Subreddit}/search</c>, <c>sort=new</c>, 100 a page). Listings
/// are newest first and page backwards with <c>after</c>; a poll reads until it reaches items older than the
/// high-water mark less the overlap (everything past that was read last time), then commits the newest
/// <c>created_utc</c> seen. Posts (<c>t3</c>) and comments (<c>t1</c>, with the parent they reply to) are mapped.
/// When the <c>after</c> anchor has gone (deleted or removed while the run waited), Reddit answers an empty listing
/// with no <c>after</c>: that is not the end, so the mark stays and the run pages again from the newest (once a run;
/// a second empty answer is taken as the end). A 401 fetches a new app-only token and tries once more.
/// Settings: <c>Query</c>, <c>Subreddit</c> (optional), <c>Username</c> (the Reddit account that registered the app;
/// with <c>AppId</c>, default <see cref="DefaultAppId"/>, it makes the User-Agent Reddit requires,
/// <c>dotnet:{AppId}:v{version} (by /u/{Username})</c>) or a complete <c>UserAgent</c> of that form; and either
/// <c>Token</c> (a bearer token) or <c>ClientId</c> + <c>ClientSecret</c> (an app-only token is fetched from
/// <c>TokenAddress</c> and reused until it expires). <c>BaseAddress</c> default https://oauth.reddit.com/;
/// <c>TokenAddress</c> default https://www.reddit.com/api/v1/access_token, or <c>api/v1/access_token</c> under
/// <c>BaseAddress</c> when that names another host (a proxy, a fake): client credentials never go to a host the
/// configuration does not name.
/// </summary>
public sealed partial class RedditSource(SourceHttpClient http, TimeProvider time) : HttpMentionSource(http, time), IDisposable
{
    public const string DefaultBaseAddress = "https://oauth.reddit.com/";
    public const string DefaultTokenAddress = "https://www.reddit.com/api/v1/access_token";
    public const string DefaultAppId = "uk.nhs.mentionwatch";

    private readonly Dictionary<string, (string Token, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _tokenLock = new(1, 1);

    public override string Platform => "reddit";

    public void Dispose() => _tokenLock.Dispose();

    public override async Task<SourcePage> FetchAsync(SourceSettings source, string? cursor, CancellationToken cancellationToken)
    {
        var state = PollCursor.Parse(cursor);
        var now = Time.GetUtcNow();
        state.ThrowIfPaused(now);
        var userAgent = UserAgent(source);
        var subreddit = source.Get("Subreddit");
        var path = subreddit is null ? "search" : $"r/{Uri.EscapeDataString(subreddit)}/search";
        var anchor = state.ResumeToken(now);
        var query = Query(
            ("q", Required(source, "Query")), ("sort", "new"), ("t", "all"), ("limit", "100"), ("raw_json", "1"),
            ("restrict_sr", subreddit is null ? null : "1"), ("after", anchor));

        using var page = await GetListingAsync(source, new Uri(BaseAddress(source, DefaultBaseAddress), $"{path}?{query}"), userAgent, cancellationToken);
        if (page.Failed is not null) return page.Failed;
        var root = page.Document!.RootElement;
        if (root.Get("data", "children") is not { ValueKind: JsonValueKind.Array } children)
            return SourcePage.Unreadable("the body is JSON but not a Reddit listing (no data.children)", root.GetRawText());

        var next = root.Str("data", "after");
        if (anchor is not null && children.GetArrayLength() == 0 && next is null && state.Repaged != true)
        {
            // The anchor vanished: Reddit lists nothing after an item it no longer has. Not the end of the listing, so
            // the mark stays where it was and the run starts again from the newest; what it reads twice is stored once.
            var repage = state with { Next = null, RunMark = null, RunStartedAt = null, RunPages = null, Repaged = true };
            return Paced(new SourcePage { Mentions = [], NextCursor = repage.ToString(), HasMore = true }, page.Response);
        }

        var (mentions, quarantined) = MapAll(children.EnumerateArray(), Map, "Reddit item without name, text or created_utc");

        // Reached what the last poll read: the rest of the listing is older still.
        if (WindowStart(state, Overlap(source)) is { } windowStart && mentions.Any(m => m.PostedAt < windowStart)) next = null;
        return Paced(state.Page(mentions, quarantined, next, NewestMark(mentions, now), now, PollCursor.CompareTimes), page.Response);
    }

    /// <summary>
    /// The User-Agent Reddit requires, <c>&lt;platform&gt;:&lt;app ID&gt;:&lt;version&gt; (by /u/&lt;username&gt;)</c>, unique
    /// to the deployment through its Reddit account: <c>Settings:UserAgent</c> as given, or built from
    /// <c>Settings:Username</c> and <c>Settings:AppId</c>. Null, with <paramref name="problem"/>, when neither is usable.
    /// </summary>
    public static string? UserAgent(SourceSettings source, out string? problem)
    {
        problem = null;
        if (source.Get("UserAgent") is { } given)
        {
            if (RequiredUserAgent().IsMatch(given)) return given;
            problem = $"Source {source.Id} (reddit): Settings:UserAgent '{given}' is not of the form Reddit requires, '<platform>:<app id>:<version> (by /u/<username>)'.";
            return null;
        }

        var username = source.Get("Username")?.Trim();
        if (username is not null && username.StartsWith("/u/", StringComparison.OrdinalIgnoreCase)) username = username[3..];
        else if (username is not null && username.StartsWith("u/", StringComparison.OrdinalIgnoreCase)) username = username[2..];
        if (username is null || !RedditUsername().IsMatch(username))
        {
            problem = $"Source {source.Id} (reddit) needs Settings:Username, the Reddit account that registered the app (3-20 letters, digits, '_' or '-'), "
                      + "or a complete Settings:UserAgent: Reddit requires '<platform>:<app id>:<version> (by /u/<username>)' and limits generic ones.";
            return null;
        }

        var appId = source.Get("AppId") ?? DefaultAppId;
        var version = typeof(RedditSource).Assembly.GetName().Version ?? new Version(1, 0, 0);
        return $"dotnet:{appId}:v{version.Major}.{version.Minor}.{Math.Max(version.Build, 0)} (by /u/{username})";
    }

    private static string UserAgent(SourceSettings source) =>
        UserAgent(source, out var problem) ?? throw new InvalidOperationException(problem);

    /// <summary>Where the app-only token is asked for: see the class remarks.</summary>
    public static Uri TokenAddress(SourceSettings source)
    {
        if (source.Get("TokenAddress") is { } configured) return new Uri(configured);
        var baseAddress = BaseAddress(source, DefaultBaseAddress);
        return baseAddress.Host.Equals(new Uri(DefaultBaseAddress).Host, StringComparison.OrdinalIgnoreCase)
            ? new Uri(DefaultTokenAddress)
            : new Uri(baseAddress, "api/v1/access_token");
    }

    /// <summary>The listing; a 401 (the token expired early or was revoked) gets a new app-only token and one more try.</summary>
    private async Task<JsonPage> GetListingAsync(SourceSettings source, Uri uri, string userAgent, CancellationToken ct)
    {
        var token = await TokenAsync(source, userAgent, null, ct);
        var response = await Http.GetAsync(source, uri, r => Authorize(r, token, userAgent), ct);
        if (response.Status == HttpStatusCode.Unauthorized && source.Get("Token") is null)
        {
            token = await TokenAsync(source, userAgent, token, ct);
            response = await Http.GetAsync(source, uri, r => Authorize(r, token, userAgent), ct);
        }

        return Read(response, ThrottleSignals.FromStatus);
    }

    private static void Authorize(HttpRequestMessage request, string token, string userAgent)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("bearer", token);
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
    }

    private static FetchedMention? Map(JsonElement child)
    {
        var kind = child.Str("kind");
        var data = child.Get("data") ?? default;
        var name = data.Str("name") ?? (data.Str("id") is { } id && kind is not null ? $"{kind}_{id}" : null);
        // A crosspost carries its own title; its body is the post it crossposts (the first of crosspost_parent_list).
        var body = data.Str("selftext") is { Length: > 0 } own ? own : data.Items("crosspost_parent_list").FirstOrDefault().Str("selftext");
        var text = kind == "t1"
            ? data.Str("body")
            : string.Join("\n\n", new[] { data.Str("title"), body }.Where(t => !string.IsNullOrWhiteSpace(t)));
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
            SharedId = kind == "t1" ? null : data.Str("crosspost_parent"),
            AuthorHandle = data.Str("author"),
            AuthorDisplayName = data.Str("author"),
            RawPayload = child.GetRawText(),
        };
    }

    /// <summary>The app-only token, fetched once and reused until it expires; a new one when <paramref name="refused"/> is the cached one.</summary>
    private async Task<string> TokenAsync(SourceSettings source, string userAgent, string? refused, CancellationToken ct)
    {
        if (source.Get("Token") is { } fixedToken) return fixedToken;
        var clientId = Required(source, "ClientId");
        var secret = Required(source, "ClientSecret");
        await _tokenLock.WaitAsync(ct);
        try
        {
            // Another poll may have replaced a refused token already.
            if (_tokens.TryGetValue(source.Id, out var cached) && cached.Expires > Time.GetUtcNow() && cached.Token != refused) return cached.Token;
            using var request = new HttpRequestMessage(HttpMethod.Post, TokenAddress(source))
            {
                Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
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

    [GeneratedRegex(@"^[^:\s]+:[^:\s]+:[^:\s]+ \(by /u/[A-Za-z0-9_-]{3,20}\)$")]
    private static partial Regex RequiredUserAgent();

    [GeneratedRegex("^[A-Za-z0-9_-]{3,20}$")]
    private static partial Regex RedditUsername();
}
