using System.Net;
using MentionWatch.Sources.Http;

namespace MentionWatch.Tests.Sources;

public sealed class ThrottleSignalsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void FromStatus_XRateLimitReset_WaitsUntilTheEpochSecond()
    {
        var reset = Now.AddMinutes(7).ToUnixTimeSeconds();
        var e = ThrottleSignals.FromStatus(Response(429, "{}", ("x-rate-limit-reset", reset.ToString(System.Globalization.CultureInfo.InvariantCulture))), Now);

        e.ShouldNotBeNull().Until.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(reset));
    }

    [Fact]
    public void FromStatus_XUsageCap_WaitsForNextMonth()
    {
        var e = ThrottleSignals.FromStatus(Response(429, """{"type":"https://api.twitter.com/2/problems/usage-capped"}"""), Now);

        e.ShouldNotBeNull().Until.ShouldBe(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void FromStatus_RedditResetSeconds_WaitsThatLong()
    {
        var e = ThrottleSignals.FromStatus(Response(429, "{}", ("x-ratelimit-reset", "300")), Now);

        e.ShouldNotBeNull().Until.ShouldBe(Now.AddSeconds(300));
    }

    [Fact]
    public void FromStatus_RetryAfterWinsOverOtherHeaders()
    {
        var e = ThrottleSignals.FromStatus(Response(429, "{}", ("Retry-After", "42"), ("x-ratelimit-reset", "300")), Now);

        e.ShouldNotBeNull().Until.ShouldBe(Now.AddSeconds(42));
    }

    [Theory]
    [InlineData(200)] // success is never a throttle
    [InlineData(500)] // a fault, not a throttle: the next poll retries
    [InlineData(503)] // unavailable without Retry-After: a fault too
    public void FromStatus_NotThrottled_Null(int status) => ThrottleSignals.FromStatus(Response(status, "{}"), Now).ShouldBeNull();

    [Theory]
    // App rate limit, seen as HTTP 403.
    [InlineData(403, 4)]
    // User rate limit.
    [InlineData(400, 17)]
    // Page request limit.
    [InlineData(400, 32)]
    // Custom rate limit.
    [InlineData(400, 613)]
    // Instagram business use case, even with a 200-looking status it is the code that counts.
    [InlineData(200, 80002)]
    public void FromGraph_ThrottleCodes_WaitAtLeastAnHour(int status, int code)
    {
        var e = ThrottleSignals.FromGraph(Response(status, $$$"""{"error":{"message":"(#{{{code}}}) limit","code":{{{code}}}}}"""), Now);

        e.ShouldNotBeNull().Until.ShouldBe(Now.AddHours(1));
        e.Message.ShouldContain($"Graph error {code}");
    }

    [Fact]
    public void FromGraph_BusinessUseCaseEstimate_WaitsThatManyMinutes()
    {
        var e = ThrottleSignals.FromGraph(Response(400, """{"error":{"message":"(#80001) too many calls","code":80001}}""",
            ("x-business-use-case-usage", """{"104857600123456":[{"type":"pages","call_count":100,"estimated_time_to_regain_access":25}]}""")), Now);

        e.ShouldNotBeNull().Until.ShouldBe(Now.AddMinutes(25));
    }

    [Fact]
    public void FromGraph_OtherError_NotAThrottle() =>
        ThrottleSignals.FromGraph(Response(400, """{"error":{"message":"(#100) bad parameter","code":100}}"""), Now).ShouldBeNull();

    [Fact]
    public void FromGoogle_QuotaExceeded_WaitsForMidnightPacific()
    {
        var e = ThrottleSignals.FromGoogle(Response(403, """{"error":{"code":403,"errors":[{"domain":"youtube.quota","reason":"quotaExceeded"}]}}"""), Now);

        // 12:00 UTC on 23 November is 04:00 PST; the quota resets at 08:00 UTC on the 24th.
        e.ShouldNotBeNull().Until.ShouldBe(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void FromGoogle_PermissionDenied_NotAThrottle() =>
        ThrottleSignals.FromGoogle(Response(403, """{"error":{"code":403,"errors":[{"domain":"global","reason":"forbidden"}]}}"""), Now).ShouldBeNull();

    [Theory]
    // X: the last request of the window was spent; wait for its reset (Unix seconds).
    [InlineData("x-rate-limit-remaining", "0", "x-rate-limit-reset", "1795438800", 3600)]
    // Reddit: remaining is a float string; reset is seconds from now.
    [InlineData("x-ratelimit-remaining", "0.0", "x-ratelimit-reset", "120", 120)]
    // Meta app usage at 97% of its rolling hour: pause 15 minutes.
    [InlineData("x-app-usage", """{"call_count":97,"total_time":20,"total_cputime":20}""", "x", "", 900)]
    // Meta business use case at 96% with an estimate of 40 minutes: pause that long.
    [InlineData("x-business-use-case-usage", """{"1":[{"type":"pages","call_count":96,"total_cputime":5,"total_time":5,"estimated_time_to_regain_access":40}]}""", "x", "", 2400)]
    public void NearLimit_SuccessAtTheLimit_PausesUntilItResets(string header, string value, string other, string otherValue, int seconds)
    {
        var pause = ThrottleSignals.NearLimit(Response(200, "{}", (header, value), (other, otherValue)), Now);

        pause.ShouldNotBeNull().Until.ShouldBe(Now.AddSeconds(seconds));
    }

    [Theory]
    [InlineData("x-rate-limit-remaining", "448")]                                      // X with requests left
    [InlineData("x-ratelimit-remaining", "997.0")]                                     // Reddit with requests left
    [InlineData("x-app-usage", """{"call_count":28,"total_time":25,"total_cputime":25}""")] // Meta well under
    [InlineData("x-app-usage", "not json")]                                            // unreadable header: ignored
    public void NearLimit_RoomLeft_Null(string header, string value) =>
        ThrottleSignals.NearLimit(Response(200, "{}", (header, value)), Now).ShouldBeNull();

    [Theory]
    // Meta names the time to regain access in whichever usage header the limit belongs to.
    [InlineData("x-business-use-case-usage", """{"104857600123456":[{"type":"pages","call_count":100,"estimated_time_to_regain_access":30}]}""")]
    [InlineData("x-page-usage", """{"call_count":100,"total_cputime":20,"total_time":20,"estimated_time_to_regain_access":30}""")]
    [InlineData("x-app-usage", """{"call_count":100,"total_cputime":20,"total_time":20,"estimated_time_to_regain_access":30}""")]
    public void FromGraph_RegainTimeInAnyUsageHeader_WaitsThatLong(string header, string value)
    {
        var e = ThrottleSignals.FromGraph(Response(400, """{"error":{"message":"(#80001) too many calls","code":80001}}""", (header, value)), Now);

        e.ShouldNotBeNull().Until.ShouldBe(Now.AddMinutes(30));
        e.Limit.ShouldBe(LimitScope.Account);
    }

    [Fact]
    public void FromGoogle_QuotaExceeded_TheKeysLimit() =>
        ThrottleSignals.FromGoogle(Response(403, """{"error":{"code":403,"errors":[{"domain":"youtube.quota","reason":"quotaExceeded"}]}}"""), Now)
            .ShouldNotBeNull().Limit.ShouldBe(LimitScope.Token);

    [Fact]
    public void NearLimit_AppUsageHigh_PausesTheAppsLimit() =>
        ThrottleSignals.NearLimit(Response(200, "{}", ("x-app-usage", """{"call_count":96,"total_time":10,"total_cputime":10}""")), Now)
            .ShouldNotBeNull().Limit.ShouldBe(LimitScope.App);

    private static SourceResponse Response(int status, string body, params (string Name, string Value)[] headers) => new()
    {
        Status = (HttpStatusCode)status,
        Body = body,
        ContentType = "application/json",
        RequestUri = new Uri("https://api.example.org/"),
        Headers = headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase),
    };
}
