using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Web;
using System.Xml.Linq;
using MentionWatch.Sources.Http;

namespace MentionWatch.Sources.Feeds;

/// <summary>
/// RSS 2.0 and Atom 1.0 feeds (blogs, local news, forums, Google Alerts), parsed with System.Xml.Linq. A feed is
/// one document, re-read whole each poll with a conditional GET (<c>ETag</c>/<c>Last-Modified</c> kept in the
/// cursor); an item is new when its <c>guid</c>/<c>atom:id</c> has not been stored, never by date order, since
/// feeds reorder and back-date. An item's id is its <c>guid</c> (Atom: <c>id</c>), else its link, else a hash of its
/// title and description; an item with no readable date is stored with the time it was first seen (every RSS item
/// element is optional). Text is read as <see cref="FeedText"/> says. A Google Alerts link is unwrapped to the page
/// it points at. An RSS <c>&lt;ttl&gt;</c> (minutes, at most <see cref="MaxTtl"/>) is honoured: the feed is not fetched
/// again before it runs out. A site's 429/503 backs off every feed on that site (<see cref="HostPoliteness"/>).
/// Settings: <c>Url</c> (or <c>BaseAddress</c>) of the feed.
/// </summary>
public sealed class FeedSource(SourceHttpClient http, TimeProvider time, ILogger<FeedSource> logger) : HttpMentionSource(http, time)
{
    /// <summary>What the stored evidence of an undated item says about its posted time.</summary>
    public const string UndatedNote = "first seen: the item carries no readable date (pubDate, dc:date, published or updated)";

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";

    public override string Platform => "rss";

    public override async Task<SourcePage> FetchAsync(SourceSettings source, string? cursor, CancellationToken cancellationToken)
    {
        var state = PollCursor.Parse(cursor);
        var now = Time.GetUtcNow();
        var url = new Uri(source.Get("Url") ?? Required(source, "BaseAddress"));
        // The feed said how long it may be cached: asking sooner gets nothing new and costs the site a request.
        if (state.NotBefore is { } notBefore && notBefore > now) return new SourcePage { Mentions = [] };
        var response = await Http.GetAsync(source, url, r =>
        {
            if (state.ETag is { } etag) r.Headers.TryAddWithoutValidation("If-None-Match", etag);
            if (state.LastModified is { } modified) r.Headers.TryAddWithoutValidation("If-Modified-Since", modified);
        }, cancellationToken);

        if (response.Status == HttpStatusCode.NotModified)
            return new SourcePage { Mentions = [], NextCursor = (state with { NotBefore = NextFetch(state.TtlMinutes, now) }).ToString() };
        if (ThrottleSignals.FromStatus(response, now) is { } throttled)
        {
            // A site's limits are the site's: every feed on it waits.
            Http.BackOffHost(url, throttled.Until, throttled.Message);
            throw throttled;
        }

        if (!response.IsSuccess)
            throw new HttpRequestException($"HTTP {(int)response.Status} from {url.Host}: {response.Excerpt()}", null, response.Status);
        if (!response.TryReadXml(out var document, out var problem)) return SourcePage.Unreadable(problem, response.Body);

        var root = document.Root!;
        var atom = root.Name == Atom + "feed";
        if (!atom && root.Name.LocalName != "rss") return SourcePage.Unreadable($"neither an RSS nor an Atom feed (root element <{root.Name.LocalName}>)", response.Body);

        var mentions = new List<FetchedMention>();
        var quarantined = new List<QuarantinedItem>();
        var dated = new List<DateTimeOffset>();
        var items = atom ? root.Elements(Atom + "entry") : root.Element("channel")?.Elements("item") ?? [];
        var feedLang = atom ? (string?)root.Attribute(XNamespace.Xml + "lang") : (string?)root.Element("channel")?.Element("language");
        foreach (var item in items)
        {
            var (mention, reason, posted) = atom ? MapAtom(item, url, feedLang, now) : MapRss(item, url, feedLang, now);
            if (mention is not null) mentions.Add(mention);
            else quarantined.Add(new QuarantinedItem(reason, item.ToString(SaveOptions.DisableFormatting)));
            if (mention is not null && posted is { } at) dated.Add(at);
        }

        var ttl = atom ? null : Ttl((string?)root.Element("channel")?.Element("ttl"));
        var next = state with
        {
            ETag = response.Header("ETag"), LastModified = response.Header("Last-Modified"), TtlMinutes = ttl, NotBefore = NextFetch(ttl, now),
        };
        // The mark is the newest date a feed gave: a first-seen time says nothing about the feed.
        var mark = dated.Count > 0 ? PollCursor.TimeMark(dated.Max(), now) : null;
        return next.Page(mentions, quarantined, null, mark, now, PollCursor.CompareTimes);
    }

    /// <summary>The longest <c>&lt;ttl&gt;</c> honoured: a feed asking for more is still read daily, so nothing scrolls off unread.</summary>
    public static readonly TimeSpan MaxTtl = TimeSpan.FromDays(1);

    /// <summary>An RSS channel's <c>&lt;ttl&gt;</c> in minutes, or null when absent, unreadable or not positive.</summary>
    internal static int? Ttl(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var minutes) && minutes > 0
            ? (int)Math.Min(minutes, MaxTtl.TotalMinutes)
            : null;

    private static DateTimeOffset? NextFetch(int? ttlMinutes, DateTimeOffset now) => ttlMinutes is { } minutes ? now.AddMinutes(minutes) : null;

    private (FetchedMention? Mention, string Reason, DateTimeOffset? Posted) MapRss(XElement item, Uri feed, string? lang, DateTimeOffset now)
    {
        var title = FeedText.Html(item.Element("title"));
        var body = FeedText.Html(item.Element(Content + "encoded")) ?? FeedText.Html(item.Element("description"));
        var link = (string?)item.Element("link");
        var guid = (string?)item.Element("guid");
        var id = !string.IsNullOrWhiteSpace(guid) ? guid : !string.IsNullOrWhiteSpace(link) ? link : ContentId(title, body);
        var posted = FeedDates.Parse((string?)item.Element("pubDate") ?? (string?)item.Element(Dc + "date"));
        var author = (string?)item.Element(Dc + "creator") ?? (string?)item.Element("author");
        return Build(item, feed, id, title, body, link, posted, author, lang, now);
    }

    private (FetchedMention? Mention, string Reason, DateTimeOffset? Posted) MapAtom(XElement entry, Uri feed, string? lang, DateTimeOffset now)
    {
        var title = FeedText.Construct(entry.Element(Atom + "title"));
        var body = FeedText.Construct(entry.Element(Atom + "content")) ?? FeedText.Construct(entry.Element(Atom + "summary"));
        var link = entry.Elements(Atom + "link")
            .FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate")?.Attribute("href")?.Value;
        var posted = FeedDates.Parse((string?)entry.Element(Atom + "published") ?? (string?)entry.Element(Atom + "updated"));
        var author = (string?)entry.Element(Atom + "author")?.Element(Atom + "name");
        var atomId = (string?)entry.Element(Atom + "id");
        var id = !string.IsNullOrWhiteSpace(atomId) ? atomId : !string.IsNullOrWhiteSpace(link) ? link : ContentId(title, body);
        return Build(entry, feed, id, title, body, link, posted, author, (string?)entry.Attribute(XNamespace.Xml + "lang") ?? lang, now);
    }

    private (FetchedMention? Mention, string Reason, DateTimeOffset? Posted) Build(
        XElement item, Uri feed, string? id, string? title, string? body, string? link, DateTimeOffset? posted, string? author, string? lang,
        DateTimeOffset now)
    {
        var text = string.Join("\n\n", new[] { title, body }.Where(t => !string.IsNullOrWhiteSpace(t)));
        if (text.Length == 0 || string.IsNullOrWhiteSpace(id)) return (null, "feed item without title or description", null);
        id = id.Trim();
        // Every RSS item element is optional, pubDate included (feeds.md): an item with no readable date is stored with
        // the time this poll first saw it, and its evidence says so. It is stored once, so later polls keep that time.
        var payload = posted is null
            ? new Dictionary<string, string> { ["xml"] = item.ToString(SaveOptions.DisableFormatting), ["posted_at"] = UndatedNote }
            : new Dictionary<string, string> { ["xml"] = item.ToString(SaveOptions.DisableFormatting) };
        var externalId = Uri.TryCreate(id, UriKind.Absolute, out _) ? id : $"{feed.GetLeftPart(UriPartial.Path)}#{id}";
        if (posted is null) Log.Undated(logger, feed.Host, externalId);
        return (new FetchedMention
        {
            // A bare guid ("1234") is only unique within its feed.
            ExternalId = externalId,
            Platform = "rss",
            Text = text,
            PostedAt = posted ?? now,
            Url = link is null ? null : Unwrap(link.Trim()),
            Lang = lang,
            AuthorHandle = author,
            AuthorDisplayName = author,
            RawPayload = System.Text.Json.JsonSerializer.Serialize(payload),
        }, "", posted);
    }

    /// <summary>
    /// The id of an item with neither guid nor link (RSS allows it): a hash of its title and description, the same on
    /// every poll while the item is unchanged, so it is stored once.
    /// </summary>
    internal static string? ContentId(string? title, string? body)
    {
        if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(body)) return null;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{title}\u0000{body}"));
        // No colon: not an absolute URI, so the feed's address is put in front of it, as for a bare guid.
        return $"sha256-{Convert.ToHexStringLower(hash)}";
    }

    /// <summary>Google Alerts links go through google.com/url?url=…; keep the page they point at.</summary>
    private static string Unwrap(string link)
    {
        if (Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Host.EndsWith("google.com", StringComparison.OrdinalIgnoreCase)
            && uri.AbsolutePath == "/url" && HttpUtility.ParseQueryString(uri.Query)["url"] is { Length: > 0 } target)
            return target;
        return link;
    }

}
