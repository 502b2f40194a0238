using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Web;
using System.Xml.Linq;
using MentionWatch.Sources.Http;

namespace MentionWatch.Sources.Feeds;

/// <summary>
/// RSS 2.0 and Atom 1.0 feeds (blogs, local news, forums, Google Alerts), parsed with System.Xml.Linq. A feed is
/// one document, re-read whole each poll with a conditional GET (<c>ETag</c>/<c>Last-Modified</c> kept in the
/// cursor); an item is new when its <c>guid</c>/<c>atom:id</c> has not been stored, never by date order, since
/// feeds reorder and back-date. A Google Alerts link is unwrapped to the page it points at.
/// Settings: <c>Url</c> (or <c>BaseAddress</c>) of the feed.
/// </summary>
public sealed partial class FeedSource(SourceHttpClient http, TimeProvider time) : HttpMentionSource(http, time)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";

    public override string Platform => "rss";

    public override async Task<SourcePage> FetchAsync(SourceSettings source, string? cursor, CancellationToken cancellationToken)
    {
        var state = PollCursor.Parse(cursor);
        var url = new Uri(source.Get("Url") ?? Required(source, "BaseAddress"));
        var response = await Http.GetAsync(source, url, r =>
        {
            if (state.ETag is { } etag) r.Headers.TryAddWithoutValidation("If-None-Match", etag);
            if (state.LastModified is { } modified) r.Headers.TryAddWithoutValidation("If-Modified-Since", modified);
        }, cancellationToken);

        if (response.Status == HttpStatusCode.NotModified) return new SourcePage { Mentions = [] };
        if (ThrottleSignals.FromStatus(response, Time.GetUtcNow()) is { } throttled) throw throttled;
        if (!response.IsSuccess)
            throw new HttpRequestException($"HTTP {(int)response.Status} from {url.Host}: {response.Excerpt()}", null, response.Status);
        if (!response.TryReadXml(out var document, out var problem)) return SourcePage.Unreadable(problem, response.Body);

        var root = document.Root!;
        var atom = root.Name == Atom + "feed";
        if (!atom && root.Name.LocalName != "rss") return SourcePage.Unreadable($"neither an RSS nor an Atom feed (root element <{root.Name.LocalName}>)", response.Body);

        var mentions = new List<FetchedMention>();
        var quarantined = new List<QuarantinedItem>();
        var items = atom ? root.Elements(Atom + "entry") : root.Element("channel")?.Elements("item") ?? [];
        var feedLang = atom ? (string?)root.Attribute(XNamespace.Xml + "lang") : (string?)root.Element("channel")?.Element("language");
        foreach (var item in items)
        {
            var (mention, reason) = atom ? MapAtom(item, url, feedLang) : MapRss(item, url, feedLang);
            if (mention is not null) mentions.Add(mention);
            else quarantined.Add(new QuarantinedItem(reason, item.ToString(SaveOptions.DisableFormatting)));
        }

        var next = state with { ETag = response.Header("ETag"), LastModified = response.Header("Last-Modified") };
        var now = Time.GetUtcNow();
        return next.Page(mentions, quarantined, null, NewestMark(mentions, now), now, PollCursor.CompareTimes);
    }

    private (FetchedMention? Mention, string Reason) MapRss(XElement item, Uri feed, string? lang)
    {
        var title = Text(item.Element("title"));
        var body = Text(item.Element(Content + "encoded")) ?? Text(item.Element("description"));
        var link = (string?)item.Element("link");
        var id = (string?)item.Element("guid") ?? link;
        var posted = FeedDates.Parse((string?)item.Element("pubDate") ?? (string?)item.Element(Dc + "date"));
        var author = (string?)item.Element(Dc + "creator") ?? (string?)item.Element("author");
        return Build(item, feed, id, title, body, link, posted, author, lang);
    }

    private (FetchedMention? Mention, string Reason) MapAtom(XElement entry, Uri feed, string? lang)
    {
        var title = Text(entry.Element(Atom + "title"));
        var body = Text(entry.Element(Atom + "content")) ?? Text(entry.Element(Atom + "summary"));
        var link = entry.Elements(Atom + "link")
            .FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate")?.Attribute("href")?.Value;
        var posted = FeedDates.Parse((string?)entry.Element(Atom + "published") ?? (string?)entry.Element(Atom + "updated"));
        var author = (string?)entry.Element(Atom + "author")?.Element(Atom + "name");
        return Build(entry, feed, (string?)entry.Element(Atom + "id"), title, body, link, posted, author,
            (string?)entry.Attribute(XNamespace.Xml + "lang") ?? lang);
    }

    private static (FetchedMention? Mention, string Reason) Build(
        XElement item, Uri feed, string? id, string? title, string? body, string? link, DateTimeOffset? posted, string? author, string? lang)
    {
        if (string.IsNullOrWhiteSpace(id)) return (null, "feed item without guid, id or link");
        // The feed's own date is the only honest posting time; an undated item is kept aside, not stamped "now".
        if (posted is null) return (null, "feed item without a readable date (pubDate/published/updated)");
        var text = string.Join("\n\n", new[] { title, body }.Where(t => !string.IsNullOrWhiteSpace(t)));
        if (text.Length == 0) return (null, "feed item without title or description");
        id = id.Trim();
        return (new FetchedMention
        {
            // A bare guid ("1234") is only unique within its feed.
            ExternalId = Uri.TryCreate(id, UriKind.Absolute, out _) ? id : $"{feed.GetLeftPart(UriPartial.Path)}#{id}",
            Platform = "rss",
            Text = text,
            PostedAt = posted.Value,
            Url = link is null ? null : Unwrap(link.Trim()),
            Lang = lang,
            AuthorHandle = author,
            AuthorDisplayName = author,
            RawPayload = System.Text.Json.JsonSerializer.Serialize(new { xml = item.ToString(SaveOptions.DisableFormatting) }),
        }, "");
    }

    /// <summary>Google Alerts links go through google.com/url?url=…; keep the page they point at.</summary>
    private static string Unwrap(string link)
    {
        if (Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Host.EndsWith("google.com", StringComparison.OrdinalIgnoreCase)
            && uri.AbsolutePath == "/url" && HttpUtility.ParseQueryString(uri.Query)["url"] is { Length: > 0 } target)
            return target;
        return link;
    }

    /// <summary>Element text with HTML tags removed and entities decoded (titles from Google Alerts carry &lt;b&gt;).</summary>
    private static string? Text(XElement? element)
    {
        if (element is null) return null;
        var text = WebUtility.HtmlDecode(StripTags(element.Value));
        text = Spaces().Replace(text, " ").Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// Replaces each tag (from a <c>&lt;</c> to the next <c>&gt;</c>) with a space; a <c>&lt;</c> with no <c>&gt;</c> after
    /// it is text. One pass: the expression <c>&lt;[^&gt;]*&gt;</c> did the same, but tried every <c>&lt;</c> to the end of
    /// the text, so a feed item of many <c>&lt;</c> and no <c>&gt;</c> took time in the square of its length.
    /// </summary>
    internal static string StripTags(string value)
    {
        var text = new StringBuilder(value.Length);
        var at = 0;
        while (at < value.Length)
        {
            var open = value.IndexOf('<', at);
            var close = open < 0 ? -1 : value.IndexOf('>', open + 1);
            if (close < 0) break;
            text.Append(value, at, open - at).Append(' ');
            at = close + 1;
        }

        return text.Append(value, at, value.Length - at).ToString();
    }

    [GeneratedRegex(@"[ \t\f\v]+")]
    private static partial Regex Spaces();
}
