using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace MentionWatch.Hosting.Http;

/// <summary>
/// Runs every request through a Polly pipeline: a per-attempt timeout inside a retry with jittered exponential
/// backoff. Retried: 408, 429, 5xx, <see cref="HttpRequestException"/> and a timed-out attempt. A short
/// <c>Retry-After</c> is honoured; one longer than <see cref="HttpResilienceOptions.MaxRetryAfter"/> is handed back to
/// the caller at once. Cancellation by the caller is never retried.
/// </summary>
/// <remarks>
/// Add it with <c>AddHttpClient(name).AddHttpMessageHandler(...)</c> (the Microsoft resilience packages are not
/// available here). Requests are re-sent as they are, so their content must be re-readable (string or byte
/// content). Delays and timeouts run on the builder's <see cref="TimeProvider"/>, so tests need not wait.
/// </remarks>
public sealed partial class ResilienceHandler : DelegatingHandler
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <summary>Creates the handler with a pipeline built from <paramref name="options"/>.</summary>
    public ResilienceHandler(HttpResilienceOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _pipeline = CreatePipeline(options, timeProvider, logger);
    }

    /// <summary>Builds the pipeline the handler runs; exposed for adapters that call HTTP without a client factory.</summary>
    public static ResiliencePipeline<HttpResponseMessage> CreatePipeline(
        HttpResilienceOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    IsTransient(args.Outcome, options, timeProvider, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response ? RetryAfter(response, timeProvider) : null),
                OnRetry = args =>
                {
                    var request = args.Outcome.Result?.RequestMessage;
                    LogRetrying(
                        logger,
                        args.AttemptNumber + 1,
                        args.RetryDelay.TotalMilliseconds,
                        request?.RequestUri?.Host,
                        args.Outcome.Result is { } r ? (int)r.StatusCode : null,
                        args.Outcome.Exception?.GetType().Name);
                    return default;
                },
            });
        }

        if (options.BreakerFailureRatio > 0)
        {
            // Inside the retry, so each attempt counts; an open circuit throws BrokenCircuitException, which is not retried.
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsFault(args.Outcome, args.Context.CancellationToken)),
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        return await _pipeline.ExecuteAsync(
            static (state, ct) => new ValueTask<HttpResponseMessage>(state.Handler.SendOnceAsync(state.Request, ct)),
            (Handler: this, Request: request),
            cancellationToken);
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken ct) => base.SendAsync(request, ct);

    private static bool IsFault(Outcome<HttpResponseMessage> outcome, CancellationToken ct) =>
        outcome.Exception is not null
            ? !ct.IsCancellationRequested && outcome.Exception is HttpRequestException or TimeoutRejectedException
            : (int)outcome.Result!.StatusCode >= 500;

    private static bool IsTransient(
        Outcome<HttpResponseMessage> outcome, HttpResilienceOptions options, TimeProvider timeProvider, CancellationToken ct)
    {
        if (outcome.Exception is not null)
        {
            // A cancelled caller is not a fault; a timed-out attempt or a broken connection is.
            return !ct.IsCancellationRequested && outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        var response = outcome.Result!;
        var status = (int)response.StatusCode;
        var transient = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout
            || (response.StatusCode is HttpStatusCode.TooManyRequests && options.RetryTooManyRequests);
        if (!transient)
        {
            return false;
        }

        var retryAfter = RetryAfter(response, timeProvider);
        return retryAfter is null || retryAfter <= options.MaxRetryAfter;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "HTTP attempt {Attempt} to {Host} failed (status {StatusCode}, exception {ExceptionType}); retrying in {DelayMs} ms")]
    private static partial void LogRetrying(
        ILogger logger, int attempt, double delayMs, string? host, int? statusCode, string? exceptionType);
}
