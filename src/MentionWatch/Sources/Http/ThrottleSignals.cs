using System.Globalization;
using System.Net;
using System.Text.Json;

namespace MentionWatch.Sources.Http;

/// <summary>
/// Turns a platform's "wait" signals into <see cref="SourceThrottledException"/> with the time to wait until and
/// the reason, so the poll job backs the source off instead of calling again (calls made while throttled extend
/// Meta's block and burn YouTube quota).
/// </summary>
public static class ThrottleSignals
{
    /// <summary>Wait used when a 429 says nothing about when to come back.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(15);

    /// <summary>Wait used when Meta throttles without an estimate (its guidance: back off at least an hour).</summary>
    public static readonly TimeSpan GraphDefaultWait = TimeSpan.FromHours(1);

    private static readonly string[] UsageFields = ["call_count", "total_cputime", "total_time"];
    private static readonly string[] UsageHeaders = ["x-business-use-case-usage", "x-page-usage", "x-app-usage"];

    /// <summary>
    /// 429 (or 503 with <c>Retry-After</c>): wait for <c>Retry-After</c>, then X's <c>x-rate-limit-reset</c> (Unix
    /// seconds), then Reddit's <c>x-ratelimit-reset</c> (seconds from now), else <see cref="DefaultWait"/>. X's
    /// monthly usage cap waits for the first of next month.
    /// </summary>
    public static SourceThrottledException? FromStatus(SourceResponse response, DateTimeOffset now)
    {
        if (StatusThrottle(response, now) is not { } throttled) return null;
        // A 429 is the credential's window (X's app token, Reddit's OAuth client); a 503 the host's.
        return response.Status == HttpStatusCode.TooManyRequests
            ? new SourceThrottledException(throttled.Until, throttled.Message) { Limit = LimitScope.Token }
            : throttled;
    }

    private static SourceThrottledException? StatusThrottle(SourceResponse response, DateTimeOffset now)
    {
        var retryAfter = RetryAfter(response, now);
        if (response.Status == HttpStatusCode.ServiceUnavailable && retryAfter is { } wait503)
            return new SourceThrottledException(wait503, $"HTTP 503 with Retry-After until {wait503:u}");
        if (response.Status != HttpStatusCode.TooManyRequests) return null;

        if (response.Body.Contains("usage-capped", StringComparison.OrdinalIgnoreCase))
        {
            var nextMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
            return new SourceThrottledException(nextMonth, "HTTP 429 usage cap reached for this month");
        }

        if (retryAfter is { } until) return new SourceThrottledException(until, $"HTTP 429, Retry-After until {until:u}");
        if (long.TryParse(response.Header("x-rate-limit-reset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
        {
            var reset = DateTimeOffset.FromUnixTimeSeconds(epoch);
            return new SourceThrottledException(reset > now ? reset : now.Add(TimeSpan.FromMinutes(1)), $"HTTP 429, x-rate-limit-reset at {reset:u}");
        }

        if (double.TryParse(response.Header("x-ratelimit-reset"), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            var reset = now.AddSeconds(Math.Clamp(seconds, 1, 86_400));
            return new SourceThrottledException(reset, $"HTTP 429, x-ratelimit-reset in {seconds:0} s");
        }

        return new SourceThrottledException(now + DefaultWait, "HTTP 429 with no reset time");
    }

    /// <summary>
    /// Meta Graph throttling: error codes 4, 17, 32, 341, 613 and 80000–80014 whatever the HTTP status; wait for the
    /// largest <c>estimated_time_to_regain_access</c> (minutes) in <c>X-Business-Use-Case-Usage</c>, <c>X-Page-Usage</c> or
    /// <c>X-App-Usage</c>, at least <see cref="GraphDefaultWait"/> when it is zero or absent. The code says whose limit it
    /// is (<see cref="GraphLimit"/>).
    /// </summary>
    public static SourceThrottledException? FromGraph(SourceResponse response, DateTimeOffset now)
    {
        if (GraphError(response.Body) is not ({ } code, var message) || GraphLimit(code) is not { } limit)
            return FromStatus(response, now);
        var minutes = RegainAccessMinutes(response);
        var until = minutes > 0 ? now.AddMinutes(minutes) : now + GraphDefaultWait;
        return new SourceThrottledException(until, $"Graph error {code}: {message}") { Limit = limit };
    }

    /// <summary>
    /// Whose limit a Graph throttle code is, or null for a code that is not a throttle: 4 and 341 the app's, 17 and
    /// 613 the token's (the user's), 32 and the Business Use Case codes 80000–80014 (Pages 80001, Instagram 80002…) the
    /// Page's or account's.
    /// </summary>
    public static LimitScope? GraphLimit(int code) => code switch
    {
        4 or 341 => LimitScope.App,
        17 or 613 => LimitScope.Token,
        32 or (>= 80000 and <= 80014) => LimitScope.Account,
        _ => null,
    };

    /// <summary>YouTube: 403 <c>quotaExceeded</c>/<c>dailyLimitExceeded</c> waits until the quota resets at midnight Pacific time.</summary>
    public static SourceThrottledException? FromGoogle(SourceResponse response, DateTimeOffset now)
    {
        if (response.IsSuccess) return null;
        var reasons = GoogleReasons(response.Body);
        if (reasons.Contains("quotaExceeded") || reasons.Contains("dailyLimitExceeded"))
            return new SourceThrottledException(NextPacificMidnight(now), $"YouTube quota exceeded ({string.Join(", ", reasons)}); resets at midnight Pacific time")
            {
                Limit = LimitScope.Token,
            };
        return FromStatus(response, now);
    }

    /// <summary>
    /// On a successful answer, a platform saying we are at its limit: X's <c>x-rate-limit-remaining: 0</c> (until
    /// <c>x-rate-limit-reset</c>), Reddit's <c>x-ratelimit-remaining</c> at or below zero (for <c>x-ratelimit-reset</c>
    /// seconds), Meta's <c>X-App-Usage</c> or <c>X-Business-Use-Case-Usage</c> at <see cref="NearLimitPercent"/>% or more
    /// (for the estimated time to regain access, at least <see cref="NearLimitPause"/>). The page is kept; the next call waits.
    /// </summary>
    public static (DateTimeOffset Until, string Reason, LimitScope Limit)? NearLimit(SourceResponse response, DateTimeOffset now)
    {
        if (response.Header("x-rate-limit-remaining") == "0"
            && long.TryParse(response.Header("x-rate-limit-reset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch)
            && DateTimeOffset.FromUnixTimeSeconds(epoch) is var reset && reset > now)
            return (reset, $"no requests left in the rate-limit window until {reset:u}", LimitScope.Token);

        if (double.TryParse(response.Header("x-ratelimit-remaining"), NumberStyles.Float, CultureInfo.InvariantCulture, out var remaining) && remaining <= 0)
        {
            var seconds = double.TryParse(response.Header("x-ratelimit-reset"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? Math.Clamp(s, 1, 86_400) : 600;
            return (now.AddSeconds(seconds), $"no requests left in the rate-limit window for {seconds:0} s", LimitScope.Token);
        }

        var appUsage = UsagePercent(response.Header("x-app-usage"));
        var accountUsage = Math.Max(BusinessUsage(response.Header("x-business-use-case-usage")), UsagePercent(response.Header("x-page-usage")));
        var usage = Math.Max(appUsage, accountUsage);
        if (usage < NearLimitPercent) return null;
        var pause = TimeSpan.FromMinutes(Math.Max(RegainAccessMinutes(response), NearLimitPause.TotalMinutes));
        var limit = appUsage >= accountUsage ? LimitScope.App : LimitScope.Account;
        return (now + pause, $"Meta usage at {usage:0}% of the {(limit == LimitScope.App ? "app's" : "Page's or account's")} limit; pausing {pause.TotalMinutes:0} minutes so calls do not extend a block", limit);
    }

    /// <summary>Usage percentage from which Meta sources pause (default 95).</summary>
    public const double NearLimitPercent = 95;

    /// <summary>Shortest pause once a Meta source is near its limit (Meta's windows roll over an hour).</summary>
    public static readonly TimeSpan NearLimitPause = TimeSpan.FromMinutes(15);

    /// <summary>The next midnight in America/Los_Angeles after <paramref name="now"/>, when YouTube's daily quota resets.</summary>
    public static DateTimeOffset NextPacificMidnight(DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = local.Date.AddDays(1);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    private static DateTimeOffset? RetryAfter(SourceResponse response, DateTimeOffset now)
    {
        var value = response.Header("Retry-After");
        if (value is null) return null;
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)) return now.AddSeconds(Math.Max(seconds, 0));
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date.ToUniversalTime() : null;
    }

    private static (int? Code, string Message) GraphError(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var code) && code.TryGetInt32(out var value))
                return (value, error.TryGetProperty("message", out var m) ? m.ToString() : "");
        }
        catch (JsonException)
        {
            // Not a Graph error body.
        }

        return (null, "");
    }

    private static double UsagePercent(string? header)
    {
        if (header is null) return 0;
        try
        {
            using var doc = JsonDocument.Parse(header);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? Percentages(doc.RootElement) : 0;
        }
        catch (JsonException)
        {
            return 0;
        }
    }

    private static double BusinessUsage(string? header)
    {
        if (header is null) return 0;
        try
        {
            using var doc = JsonDocument.Parse(header);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return 0;
            return doc.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array)
                .SelectMany(p => p.Value.EnumerateArray()).Where(e => e.ValueKind == JsonValueKind.Object)
                .Select(Percentages).DefaultIfEmpty(0).Max();
        }
        catch (JsonException)
        {
            return 0;
        }
    }

    private static double Percentages(JsonElement usage) =>
        UsageFields.Select(name => usage.TryGetProperty(name, out var v) && v.TryGetDouble(out var d) ? d : 0).Max();

    /// <summary>
    /// The largest <c>estimated_time_to_regain_access</c> (minutes) Meta sent: per business object in
    /// <c>X-Business-Use-Case-Usage</c>, or flat in <c>X-Page-Usage</c> and <c>X-App-Usage</c>.
    /// </summary>
    private static double RegainAccessMinutes(SourceResponse response) =>
        UsageHeaders.Select(h => RegainAccessMinutes(response.Header(h))).Max();

    private static double RegainAccessMinutes(string? header)
    {
        if (header is null) return 0;
        try
        {
            using var doc = JsonDocument.Parse(header);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return 0;
            return doc.RootElement.EnumerateObject()
                .SelectMany(p => p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray() : Enumerable.Repeat(doc.RootElement, 1))
                .Select(u => u.ValueKind == JsonValueKind.Object && u.TryGetProperty("estimated_time_to_regain_access", out var t) && t.TryGetDouble(out var v) ? v : 0)
                .DefaultIfEmpty(0).Max();
        }
        catch (JsonException)
        {
            return 0;
        }
    }

    private static HashSet<string> GoogleReasons(string body)
    {
        var reasons = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object && error.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                foreach (var e in errors.EnumerateArray())
                    if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("reason", out var r) && r.GetString() is { } reason) reasons.Add(reason);
            }
        }
        catch (JsonException)
        {
            // Not a Google error body.
        }

        return reasons;
    }
}
