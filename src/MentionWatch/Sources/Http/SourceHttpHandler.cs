using System.Net;

namespace MentionWatch.Sources.Http;

/// <summary>
/// Sends each platform request through its source's pipeline (timeout, jittered retry, circuit breaker), found by
/// the source id the request carries in <see cref="SourceIdOption"/>. Each attempt first takes its turn on the host
/// (<see cref="HostPoliteness"/>: the rate in <see cref="RequestsPerSecondOption"/>, and any backoff the host asked
/// for); a 429 or 503 with <c>Retry-After</c> backs the whole host off, whichever source it answered.
/// </summary>
public sealed class SourceHttpHandler(SourcePipelines pipelines, HostPoliteness politeness, TimeProvider time) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<string> SourceIdOption = new("MentionWatch.SourceId");

    /// <summary>The host's documented request rate, set by an adapter whose platform has one (Care Opinion).</summary>
    public static readonly HttpRequestOptionsKey<double> RequestsPerSecondOption = new("MentionWatch.RequestsPerSecond");

    /// <summary>The shared limits (<see cref="ThrottleScopes"/> keys) the request counts against: none may be backing off.</summary>
    public static readonly HttpRequestOptionsKey<IReadOnlyList<string>> ThrottleScopesOption = new("MentionWatch.ThrottleScopes");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sourceId = request.Options.TryGetValue(SourceIdOption, out var id) ? id : "(unnamed)";
        return await pipelines.For(sourceId).ExecuteAsync(
            static (state, ct) => new ValueTask<HttpResponseMessage>(state.Handler.SendOnceAsync(state.Request, ct)),
            (Handler: this, Request: request),
            cancellationToken);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var uri = request.RequestUri!;
        await politeness.WaitTurnAsync(uri, request.Options.TryGetValue(RequestsPerSecondOption, out var rate) ? rate : null, ct,
            request.Options.TryGetValue(ThrottleScopesOption, out var scopes) ? scopes : null);
        var response = await base.SendAsync(request, ct);
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable && RetryAfter(response) is { } until)
            politeness.BackOff(uri, until, $"HTTP {(int)response.StatusCode} with Retry-After until {until:u}");
        return response;
    }

    private DateTimeOffset? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return time.GetUtcNow() + (delta < TimeSpan.Zero ? TimeSpan.Zero : delta);
        return header?.Date;
    }
}
