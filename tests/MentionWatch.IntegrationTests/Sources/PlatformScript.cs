using System.Globalization;
using System.Text.Json;
using MentionWatch.Sources;

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

    public override string ToString() => Platform;

    protected static string Iso(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

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
