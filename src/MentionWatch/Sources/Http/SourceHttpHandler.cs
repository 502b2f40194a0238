namespace MentionWatch.Sources.Http;

/// <summary>
/// Sends each platform request through its source's pipeline (timeout, jittered retry, circuit breaker), found by
/// the source id the request carries in <see cref="SourceIdOption"/>.
/// </summary>
public sealed class SourceHttpHandler(SourcePipelines pipelines) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<string> SourceIdOption = new("MentionWatch.SourceId");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sourceId = request.Options.TryGetValue(SourceIdOption, out var id) ? id : "(unnamed)";
        return await pipelines.For(sourceId).ExecuteAsync(
            static (state, ct) => new ValueTask<HttpResponseMessage>(state.Handler.SendOnceAsync(state.Request, ct)),
            (Handler: this, Request: request),
            cancellationToken);
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken ct) => base.SendAsync(request, ct);
}
