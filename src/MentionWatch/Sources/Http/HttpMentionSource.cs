using System.Globalization;
using System.Text.Json;

namespace MentionWatch.Sources.Http;

/// <summary>
/// What the HTTP platform adapters share: settings lookup, the overlap window, and one call that turns a response
/// into a JSON document, a throttle (thrown as <see cref="SourceThrottledException"/>), an HTTP failure (thrown, so
/// the poll job records it and the next trigger retries) or an unreadable page (returned, to be quarantined).
/// </summary>
public abstract class HttpMentionSource(SourceHttpClient http, TimeProvider time) : IMentionSource
{
    public abstract string Platform { get; }

    protected TimeProvider Time => time;

    protected SourceHttpClient Http => http;

    public abstract Task<SourcePage> FetchAsync(SourceSettings source, string? cursor, CancellationToken cancellationToken);

    /// <summary>A required setting, or a clear error naming the source and key.</summary>
    protected static string Required(SourceSettings source, string key) =>
        source.Get(key) ?? throw new InvalidOperationException($"Source {source.Id} ({source.Platform}) has no Settings:{key}.");

    /// <summary>The API root: <c>Settings:BaseAddress</c> (a proxy, a regional host, a test fake) or the platform's own.</summary>
    protected static Uri BaseAddress(SourceSettings source, string platformDefault)
    {
        var text = source.Get("BaseAddress") ?? platformDefault;
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }

    /// <summary>How far before the high-water mark each poll re-reads (<c>Settings:OverlapMinutes</c>; default two intervals, at least 10 minutes).</summary>
    protected static TimeSpan Overlap(SourceSettings source, TimeSpan? platformMinimum = null)
    {
        if (int.TryParse(source.Get("OverlapMinutes"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var minutes) && minutes >= 0)
            return TimeSpan.FromMinutes(minutes);
        var twoIntervals = TimeSpan.FromSeconds(2.0 * source.IntervalSeconds);
        var floor = platformMinimum ?? TimeSpan.FromMinutes(10);
        return twoIntervals > floor ? twoIntervals : floor;
    }

    protected static int IntSetting(SourceSettings source, string key, int fallback, int min, int max) =>
        int.TryParse(source.Get(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? Math.Clamp(value, min, max) : fallback;

    /// <summary>The limits this source shares with others (its token, Page or account, app); none unless the platform has such.</summary>
    protected virtual ThrottleScopes Scopes(SourceSettings source) => ThrottleScopes.None;

    public IReadOnlyList<string> ThrottleScopesOf(SourceSettings source) => Scopes(source).All;

    /// <summary>
    /// Gets and reads a JSON page; <see cref="JsonPage.Failed"/> is set when the page must be quarantined. The request is
    /// not sent while a limit the source shares is backing off; a throttle it answers backs off the limit it names.
    /// </summary>
    protected async Task<JsonPage> GetJsonAsync(
        SourceSettings source, Uri uri, Action<HttpRequestMessage>? configure,
        Func<SourceResponse, DateTimeOffset, SourceThrottledException?> throttle, CancellationToken ct)
    {
        var scopes = Scopes(source);
        var response = await http.GetAsync(source, uri, r =>
        {
            r.Options.Set(SourceHttpHandler.ThrottleScopesOption, scopes.All);
            configure?.Invoke(r);
        }, ct);
        return Read(response, throttle, scopes);
    }

    /// <summary>
    /// True where the platform's limits are the host's, whoever asks (feeds, Care Opinion): a throttle read from its
    /// answer then backs off every source on the host. Elsewhere limits follow the token or page, so one source's
    /// throttle is its own.
    /// </summary>
    protected virtual bool ThrottlesWholeHost => false;

    protected JsonPage Read(
        SourceResponse response, Func<SourceResponse, DateTimeOffset, SourceThrottledException?> throttle, ThrottleScopes? scopes = null)
    {
        if (throttle(response, time.GetUtcNow()) is { } throttled)
        {
            if (ThrottlesWholeHost) http.BackOffHost(response.RequestUri, throttled.Until, throttled.Message);
            if (scopes?.For(throttled.Limit) is not { } scope) throw throttled;
            http.BackOffScope(scope, throttled.Until, throttled.Message);
            throw new SourceThrottledException(throttled.Until, throttled.Message)
            {
                Limit = throttled.Limit,
                Scope = scope,
            };
        }

        if (!response.IsSuccess)
        {
            throw new HttpRequestException(
                $"HTTP {(int)response.Status} from {response.RequestUri.Host}: {response.Excerpt()}", null, response.Status);
        }

        return response.TryReadJson(out var document, out var problem)
            ? new JsonPage(document, null, response)
            : new JsonPage(null, SourcePage.Unreadable(problem, response.Body), response);
    }

    /// <summary>
    /// The page as read, unless the platform said on this answer that we are at its limit: then the page is still
    /// stored, paging stops, and the cursor carries a pause the next call turns into a throttle.
    /// </summary>
    protected SourcePage Paced(SourcePage page, SourceResponse response) => Paced(null, page, response);

    /// <summary>As <see cref="Paced(SourcePage, SourceResponse)"/>; a limit <paramref name="source"/> shares pauses every source sharing it.</summary>
    protected SourcePage Paced(SourceSettings? source, SourcePage page, SourceResponse response)
    {
        if (ThrottleSignals.NearLimit(response, time.GetUtcNow()) is not { } pause) return page;
        var reason = pause.Reason;
        SharedPause? shared = null;
        if (source is not null && Scopes(source).For(pause.Limit) is { } scope)
        {
            http.BackOffScope(scope, pause.Until, pause.Reason);
            reason = ThrottleScopes.Describe(scope, pause.Until, pause.Reason);
            shared = new SharedPause(scope, pause.Until, pause.Reason);
        }

        var cursor = PollCursor.Parse(page.NextCursor) with { PauseUntil = pause.Until, PauseReason = reason };
        return page with { NextCursor = cursor.ToString(), HasMore = false, SharedPause = shared };
    }

    /// <summary>Maps each item; one that cannot be mapped is quarantined with <paramref name="reason"/>, never dropped.</summary>
    protected static (List<FetchedMention> Mentions, List<QuarantinedItem> Quarantined) MapAll(
        IEnumerable<JsonElement> items, Func<JsonElement, FetchedMention?> map, string reason)
    {
        var mentions = new List<FetchedMention>();
        var quarantined = new List<QuarantinedItem>();
        foreach (var item in items)
        {
            if (map(item) is { } mention) mentions.Add(mention);
            else quarantined.Add(new QuarantinedItem(reason, item.GetRawText()));
        }

        return (mentions, quarantined);
    }

    /// <summary>Maps each item; one that cannot be mapped is quarantined with the reason its mapping gave, never dropped.</summary>
    protected static (List<FetchedMention> Mentions, List<QuarantinedItem> Quarantined) MapAll(IEnumerable<JsonElement> items, Func<JsonElement, Mapped> map)
    {
        var mentions = new List<FetchedMention>();
        var quarantined = new List<QuarantinedItem>();
        foreach (var item in items) Add(map(item), item, mentions, quarantined);
        return (mentions, quarantined);
    }

    /// <summary>Adds a mapped item to the mentions, or the item to the quarantine with its reason.</summary>
    protected static void Add(Mapped mapped, JsonElement item, List<FetchedMention> mentions, List<QuarantinedItem> quarantined)
    {
        if (mapped.Mention is { } mention) mentions.Add(mention);
        else quarantined.Add(new QuarantinedItem(mapped.Problem ?? "unreadable item", item.GetRawText()));
    }

    /// <summary>
    /// Why an item cannot be stored: it has no id, or no time that can be read (the FOI clock needs one). Text is
    /// never the reason: an item with no words is described by what it carries (<see cref="MediaDescription"/>).
    /// </summary>
    protected static Mapped Unreadable(string what, string? id, JsonElement item, params string[] timePath) => new(null,
        id is null
            ? $"{what} without an id"
            : $"{what} {id} without a readable {string.Join('.', timePath)} ({item.Get(timePath)?.GetRawText() ?? "missing"})");

    /// <summary>An item read into a mention, or the reason it could not be.</summary>
    protected readonly record struct Mapped(FetchedMention? Mention, string? Problem)
    {
        public static implicit operator Mapped(FetchedMention mention) => new(mention, null);
    }

    /// <summary>The array under <paramref name="name"/>, or the unreadable page that says it is missing.</summary>
    protected static SourcePage? MissingArray(JsonElement root, string name) =>
        root.Get(name) is { ValueKind: JsonValueKind.Array } ? null : SourcePage.Unreadable($"the body is JSON but has no {name} array", root.GetRawText());

    /// <summary>The newest of the items' times as a cursor mark, never later than <paramref name="now"/>.</summary>
    protected static string? NewestMark(IEnumerable<FetchedMention> mentions, DateTimeOffset now) =>
        mentions.Select(m => (DateTimeOffset?)m.PostedAt).Max() is { } newest ? PollCursor.TimeMark(newest, now) : null;

    /// <summary>The start of the window to ask for: the high-water mark less the overlap, or null on the first poll.</summary>
    protected static DateTimeOffset? WindowStart(PollCursor cursor, TimeSpan overlap) =>
        cursor.Mark is { } mark && JsonFields.ParseTime(mark) is { } time ? time - overlap : null;

    protected static string Query(params (string Key, string? Value)[] parameters) =>
        string.Join("&", parameters.Where(p => p.Value is not null).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));

    /// <summary>A JSON body, or the page to return when it could not be read.</summary>
    protected sealed record JsonPage(JsonDocument? Document, SourcePage? Failed, SourceResponse Response) : IDisposable
    {
        public void Dispose() => Document?.Dispose();
    }
}
