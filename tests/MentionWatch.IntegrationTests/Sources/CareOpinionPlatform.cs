using System.Globalization;
using System.Text.Json;

namespace MentionWatch.IntegrationTests.Sources;

/// <summary>
/// Care Opinion's <c>/api/v2/opinions</c> as documented (shared/platform-apis/careopinion.md), computed from each request
/// rather than scripted: stories ordered by publication, oldest first; <c>publishedafter</c> (exclusive), <c>skip</c> and
/// <c>take</c> (at most <see cref="MaxTake"/>); <c>[]</c> past the end; and the documented 5 requests per second, over
/// which it answers 429 (what Care Opinion sends then is not documented). Install with
/// <c>fake.Responder = platform.Respond</c>; the fake's clock times the requests.
/// </summary>
public sealed class CareOpinionPlatform
{
    public const int MaxTake = 100;
    public const int RequestsPerSecond = 5;

    private readonly List<(int Id, DateTimeOffset Submitted, DateTimeOffset Published)> _stories = [];
    private readonly List<DateTimeOffset> _served = [];

    /// <summary>Requests refused for going over the rate.</summary>
    public int Refused { get; private set; }

    /// <summary>Adds <paramref name="count"/> stories from id <paramref name="firstId"/>, one a minute from <paramref name="submitted"/>, each published an hour after submission.</summary>
    public void Add(int firstId, int count, DateTimeOffset submitted)
    {
        lock (_stories)
        {
            for (var i = 0; i < count; i++) _stories.Add((firstId + i, submitted.AddMinutes(i), submitted.AddMinutes(i).AddHours(1)));
        }
    }

    public FakeResponse Respond(FakeRequest request)
    {
        lock (_stories)
        {
            if (request.At is { } at)
            {
                // The rate over the second up to this request, this one included.
                if (_served.Count(t => t > at - TimeSpan.FromSeconds(1)) + 1 > RequestsPerSecond)
                {
                    Refused++;
                    return new FakeResponse(429, "");
                }

                _served.Add(at);
            }

            var after = DateTimeOffset.TryParse(request.Param("publishedafter"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var a) ? a : DateTimeOffset.MinValue;
            var skip = int.Parse(request.Param("skip") ?? "0", CultureInfo.InvariantCulture);
            var take = Math.Min(int.Parse(request.Param("take") ?? "100", CultureInfo.InvariantCulture), MaxTake);
            var page = _stories.Where(s => s.Published > after).OrderBy(s => s.Published).ThenBy(s => s.Id).Skip(skip).Take(take).Select(s => new
            {
                id = s.Id, title = "Kind staff but a long wait", body = $"Story {s.Id}: the wait at Northshire General A&E was long",
                dateOfSubmission = Iso(s.Submitted), dateOfPublication = Iso(s.Published), criticality = "mildly critical", authorRole = "patient",
            });
            return new FakeResponse(200, JsonSerializer.Serialize(page));
        }
    }

    private static string Iso(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
