using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MentionWatch.Mentions;
using MentionWatch.Sources;
using MentionWatch.TestData;

namespace MentionWatch.IntegrationTests.Sources;

/// <summary>A post the fake platform serves: number <see cref="N"/>, posted at <see cref="At"/>.</summary>
public sealed record Post(int N, DateTimeOffset At)
{
    public static readonly DateTimeOffset Origin = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static Post Number(int n) => new(n, Origin.AddMinutes(n));

    public string Text => $"Post {N}: the wait at Northshire General A&E was long";
}

/// <summary>
/// How one platform's fake speaks: the documented payload shapes for a page of posts, an empty result, a throttle,
/// a malformed body, and what the adapter's cursor should say. The scenario tests run every script.
/// </summary>
public abstract class PlatformScript
{
    protected static readonly JsonSerializerOptions Json = new();

    public abstract string Platform { get; }

    /// <summary>Listings newest first (X, Reddit, Facebook, Instagram, YouTube) or oldest first (Care Opinion).</summary>
    public virtual bool NewestFirst => true;

    /// <summary>False for feeds: one document, no pages.</summary>
    public virtual bool Pages => true;

    public abstract SourceSettings Source(Uri baseAddress);

    public abstract string ExternalId(Post post);

    /// <summary>Page <paramref name="page"/> (1-based) holding <paramref name="posts"/>, saying whether more follow.</summary>
    public abstract FakeResponse Page(Uri baseAddress, IReadOnlyList<Post> posts, int page, bool more);

    /// <summary>
    /// What the fake answers for a page, in order: the page itself, plus whatever the platform answers when the
    /// adapter asks once more (Care Opinion: a full page is followed by a request for the next offset).
    /// </summary>
    public virtual FakeResponse[] Responses(Uri baseAddress, IReadOnlyList<Post> posts, int page, bool more) => [Page(baseAddress, posts, page, more)];

    public abstract FakeResponse Empty();

    /// <summary>The platform telling us to wait, and the time the source must back off until.</summary>
    public abstract (FakeResponse Response, DateTimeOffset Until) Throttle(DateTimeOffset now);

    public virtual string MalformedBody => """{"data": [{"id": "1", "text": "Northshire""";

    public virtual string MalformedReason => "not valid JSON";

    /// <summary>The cursor's high-water mark once <paramref name="newest"/> is the newest post stored.</summary>
    public virtual string ExpectedMark(Post newest) => PollCursor.TimeMark(newest.At);

    /// <summary>
    /// What a poll after one that stored up to <paramref name="newest"/> sends to say where it starts (the since or
    /// after parameter), next to what it should send; null and null for platforms with no such parameter.
    /// </summary>
    public abstract (string? Sent, string? Expected) StartEvidence(FakeRequest request, Post newest);

    /// <summary>
    /// <paramref name="page"/> (ordinary posts) with one hostile mention from the shared corpus put after its first item,
    /// dressed in this platform's own shape: <paramref name="wire"/> holds corpus placeholders, escaped here as the
    /// platform would send them. Every item also carries a field no adapter reads.
    /// </summary>
    public abstract FakeResponse WithHostile(FakeResponse page, MentionJson wire);

    /// <summary>False where the platform has no author handle (Care Opinion's authors are anonymous).</summary>
    public virtual bool HasHandle => true;

    public override string ToString() => Platform;

    /// <summary>Inserts <paramref name="item"/> (plus a field no adapter reads) as the second element of the page's item array.</summary>
    protected static FakeResponse InsertHostile(FakeResponse page, Func<JsonNode, JsonArray> items, JsonObject item, Action<JsonNode>? alsoChange = null)
    {
        var root = JsonNode.Parse(page.Body)!;
        item["x_unknown_field"] = new JsonObject
        {
            ["nested"] = new JsonArray(1, new JsonObject { ["deep"] = "@@0000@@ and half an emoji @@DC00@@" }),
            ["big"] = JsonNode.Parse("1e400"),
        };
        items(root).Insert(1, item);
        alsoChange?.Invoke(root);
        return page with { Body = HostileCorpus.JsonEscaped(root.ToJsonString()) };
    }

    protected static string Iso(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>Meta's Graph API time format.</summary>
    protected static string Meta(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss+0000", CultureInfo.InvariantCulture);

    protected static string Serialize(object value) => JsonSerializer.Serialize(value, Json);

    protected static SourceSettings Settings(string id, string platform, Uri baseAddress, params (string Key, string Value)[] settings)
    {
        var source = new SourceSettings { Id = id, Platform = platform };
        source.Settings["BaseAddress"] = baseAddress.ToString();
        foreach (var (key, value) in settings) source.Settings[key] = value;
        return source;
    }

    /// <summary>Every platform script, by name (theory data must be serializable, so tests pass the name).</summary>
    public static PlatformScript For(string platform) => platform switch
    {
        "x" => new XScript(),
        "rss" => new FeedScript(),
        "reddit" => new RedditScript(),
        "careopinion" => new CareOpinionScript(),
        "facebook" => new FacebookScript(),
        "instagram" => new InstagramScript(),
        "youtube" => new YouTubeScript(),
        _ => throw new ArgumentOutOfRangeException(nameof(platform)),
    };

    public static TheoryData<string> All => new() { "x", "rss", "reddit", "careopinion", "facebook", "instagram", "youtube" };

    public static TheoryData<string> Paged => new() { "x", "reddit", "careopinion", "facebook", "instagram", "youtube" };
}
