using System.Collections.Concurrent;
using MentionWatch.Hosting.Http;
using Microsoft.Extensions.Options;
using Polly;

namespace MentionWatch.Sources.Http;

/// <summary>
/// One resilience pipeline (and so one circuit breaker) per source id, kept for the life of the process. They live
/// here rather than in the HTTP handler because the client factory recycles handlers every few minutes, which
/// would forget an open circuit.
/// </summary>
public sealed class SourcePipelines(IOptions<SourceHttpOptions> options, TimeProvider time, ILoggerFactory loggers)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline<HttpResponseMessage>> _pipelines = new(StringComparer.Ordinal);

    public ResiliencePipeline<HttpResponseMessage> For(string sourceId) =>
        _pipelines.GetOrAdd(sourceId, id => ResilienceHandler.CreatePipeline(
            options.Value.Resilience, time, loggers.CreateLogger($"MentionWatch.Sources.Http.{id}")));
}
