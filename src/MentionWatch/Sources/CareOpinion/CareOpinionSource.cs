using System.Globalization;
using System.Text.Json;
using MentionWatch.Sources.Http;

namespace MentionWatch.Sources.CareOpinion;

/// <summary>
/// Care Opinion API v2 stories (<c>/api/v2/opinions</c>), oldest publication first, paged with <c>skip</c>/<c>take</c>
/// inside a fixed window (<c>publishedafter</c> = high-water mark less the overlap, unchanged while a run pages, so
/// offsets stay stable, and the run is resumed at its offset however many polls and hours it takes). The mark is the newest publication time seen (publication can lag submission by days of
/// moderation, so submission time would skip stories); the posted time is the submission time, the earliest the
/// trust could have known, which is the safe start for an FOI clock. Array elements that are not objects (the API
/// has been seen to return "Sorry! Something went wrong." strings) are quarantined. An invalid key redirects to an
/// HTML login page, which is quarantined with that explanation.
/// Settings: <c>Token</c> (the HTTP header subscription key, secret), optional <c>Filter</c> (extra query string,
/// e.g. <c>healthservice=RXX01</c>), <c>Take</c> (default 100), <c>BaseAddress</c> (default https://www.careopinion.org.uk/),
/// <c>RequestsPerSecond</c> (default and most <see cref="DocumentedRequestsPerSecond"/>: requests to the host are spaced by
/// <see cref="HostPoliteness"/>, whichever source sends them).
/// </summary>
public sealed class CareOpinionSource(SourceHttpClient http, TimeProvider time) : HttpMentionSource(http, time)
{
    /// <summary>"Rate limiting is set to 5 requests per second" (Care Opinion, API v2, April 2024): per host, every source together.</summary>
    public const int DocumentedRequestsPerSecond = 5;

    public override string Platform => "careopinion";

    protected override bool ThrottlesWholeHost => true;

    public override async Task<SourcePage> FetchAsync(SourceSettings source, string? cursor, CancellationToken cancellationToken)
    {
        // Offsets inside a fixed window stay good however long a run takes (new stories are published after the ones
        // before them): a long history is read to its end over as many polls as it needs, then the mark moves.
        var state = PollCursor.Parse(cursor) with { ResumeWithin = null };
        var now = Time.GetUtcNow();
        var key = Required(source, "Token");
        var take = IntSetting(source, "Take", 100, 1, 1000);
        var skip = int.TryParse(state.ResumeToken(now), NumberStyles.Integer, CultureInfo.InvariantCulture, out var resume) ? resume : 0;
        var after = WindowStart(state, Overlap(source))?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var query = Query(("publishedafter", after), ("dateofpublicationorder", "ascending"),
            ("take", take.ToString(CultureInfo.InvariantCulture)), ("skip", skip.ToString(CultureInfo.InvariantCulture)));
        if (source.Get("Filter") is { } filter) query += "&" + filter.TrimStart('&', '?');

        var rate = IntSetting(source, "RequestsPerSecond", DocumentedRequestsPerSecond, 1, DocumentedRequestsPerSecond);
        var site = BaseAddress(source, "https://www.careopinion.org.uk/");
        using var page = await GetJsonAsync(source, new Uri(site, $"api/v2/opinions?{query}"), r =>
        {
            r.Headers.TryAddWithoutValidation("Authorization", $"SUBSCRIPTION_KEY {key}");
            r.Options.Set(SourceHttpHandler.RequestsPerSecondOption, rate);
        }, ThrottleSignals.FromStatus, cancellationToken);
        if (page.Failed is not null) return page.Failed;
        var root = page.Document!.RootElement;
        if (root.ValueKind != JsonValueKind.Array) return SourcePage.Unreadable("the body is JSON but not an array of opinions", root.GetRawText());

        var mentions = new List<FetchedMention>();
        var quarantined = new List<QuarantinedItem>();
        var marks = new List<DateTimeOffset>();
        foreach (var item in root.EnumerateArray())
        {
            if (Map(item, site) is { } mention)
            {
                mentions.Add(mention);
                marks.Add(item.Time("dateOfPublication") ?? mention.PostedAt);
            }
            else
            {
                quarantined.Add(new QuarantinedItem("Care Opinion element that is not a story with id, body and dateOfSubmission", item.GetRawText()));
            }
        }

        var count = root.GetArrayLength();
        var next = count >= take ? (skip + count).ToString(CultureInfo.InvariantCulture) : null;
        var mark = marks.Count > 0 ? PollCursor.TimeMark(marks.Max(), now) : null;
        return state.Page(mentions, quarantined, next, mark, now, PollCursor.CompareTimes);
    }

    private static FetchedMention? Map(JsonElement item, Uri site)
    {
        if (item.ValueKind != JsonValueKind.Object || item.Str("id") is not { } id || item.Str("body") is not { } body
            || (item.Time("dateOfSubmission") ?? item.Time("dateOfPublication")) is not { } posted) return null;
        var title = item.Str("title");
        return new FetchedMention
        {
            ExternalId = id,
            Platform = "careopinion",
            Text = string.IsNullOrWhiteSpace(title) ? body : $"{title}\n\n{body}",
            PostedAt = posted,
            // A story's page is its id on the site the API is read from (.org.uk, .org.au, .ie, or a proxy).
            Url = new Uri(site, Uri.EscapeDataString(id)).AbsoluteUri,
            Lang = "en",
            // Care Opinion authors are anonymous; their role ("patient", "carer") is all there is.
            AuthorDisplayName = item.Str("authorRole"),
            RawPayload = item.GetRawText(),
        };
    }
}
