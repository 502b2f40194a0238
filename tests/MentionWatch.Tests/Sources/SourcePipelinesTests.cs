using System.Net;
using MentionWatch.Hosting.Http;
using MentionWatch.Sources.Http;
using MentionWatch.Tests.Alerts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace MentionWatch.Tests.Sources;

public sealed class SourcePipelinesTests : IAsyncLifetime
{
    private readonly TestClock _clock = new() { FireAtOnceUpTo = TimeSpan.FromMinutes(1) };
    private FakeHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeHttpServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SendAsync_OneSourceKeepsFailing_OnlyItsCircuitOpens()
    {
        _server.DefaultResponder = FakeHttpServer.Status(500);
        using var client = Client();

        (await SendAsync(client, "dead")).StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await SendAsync(client, "dead")).StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        await Should.ThrowAsync<BrokenCircuitException>(() => SendAsync(client, "dead"));
        _server.Requests.Count.ShouldBe(2); // the open circuit did not call the platform

        _server.DefaultResponder = FakeHttpServer.Status(200);
        (await SendAsync(client, "healthy")).StatusCode.ShouldBe(HttpStatusCode.OK);
        _server.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task SendAsync_TooManyRequests_NotRetriedForSources()
    {
        // A throttled platform is the source's backoff to handle: calling again while throttled extends the block.
        _server.Enqueue(FakeHttpServer.Status(429, retryAfter: "1"));
        using var client = Client(maxAttempts: 3);

        (await SendAsync(client, "x-trust")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        _server.Requests.Count.ShouldBe(1);
    }

    private HttpClient Client(int maxAttempts = 1)
    {
        var options = new SourceHttpOptions
        {
            Resilience = new HttpResilienceOptions
            {
                MaxAttempts = maxAttempts,
                AttemptTimeout = TimeSpan.FromMinutes(5),
                RetryTooManyRequests = false,
                BreakerFailureRatio = 0.5,
                BreakerMinimumThroughput = 2,
            },
        };
        var pipelines = new SourcePipelines(Options.Create(options), _clock, NullLoggerFactory.Instance);
        return new HttpClient(new SourceHttpHandler(pipelines, new HostPoliteness(_clock), _clock) { InnerHandler = new SocketsHttpHandler() });
    }

    private Task<HttpResponseMessage> SendAsync(HttpClient client, string sourceId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, _server.Url("search"));
        request.Options.Set(SourceHttpHandler.SourceIdOption, sourceId);
        return client.SendAsync(request);
    }
}
