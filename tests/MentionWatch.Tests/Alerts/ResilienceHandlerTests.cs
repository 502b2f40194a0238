using System.Net;
using MentionWatch.Hosting.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentionWatch.Tests.Alerts;

// Lives with the alert tests because the alert channels are its first users; it moves with Hosting/Http if that grows tests.
public sealed class ResilienceHandlerTests : IAsyncLifetime
{
    private readonly TestClock _clock = new() { FireAtOnceUpTo = TimeSpan.FromMinutes(1) };
    private FakeHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeHttpServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SendAsync_429WithShortRetryAfter_WaitsRetryAfterThenSucceeds()
    {
        _server.Enqueue(FakeHttpServer.Status(429, retryAfter: "7"));
        using var client = Client();

        using var response = await client.PostAsync(_server.Url("x"), new StringContent("{}"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        _server.Requests.Count.ShouldBe(2);
        _server.Requests.Last().Body.ShouldBe("{}");
        _clock.Timers.ShouldContain(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task SendAsync_429WithLongRetryAfter_ReturnsItWithoutRetrying()
    {
        // Waiting an hour is the deliver consumer's job, not a blocked HTTP call's.
        _server.Enqueue(FakeHttpServer.Status(429, retryAfter: "3600"));
        using var client = Client();

        using var response = await client.PostAsync(_server.Url("x"), new StringContent("{}"));

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        _server.Requests.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(500)] // server fault
    [InlineData(503)] // unavailable
    [InlineData(408)] // the far end timed out reading the request
    public async Task SendAsync_TransientStatusThenSuccess_Retries(int status)
    {
        _server.Enqueue(FakeHttpServer.Status(status));
        using var client = Client();

        using var response = await client.PostAsync(_server.Url("x"), new StringContent("{}"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        _server.Requests.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(400)] // our request is wrong: retrying cannot help
    [InlineData(403)] // bad credentials
    [InlineData(404)] // wrong URL
    public async Task SendAsync_PermanentStatus_NotRetried(int status)
    {
        _server.DefaultResponder = FakeHttpServer.Status(status);
        using var client = Client();

        using var response = await client.PostAsync(_server.Url("x"), new StringContent("{}"));

        ((int)response.StatusCode).ShouldBe(status);
        _server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task SendAsync_Persistent500_ReturnsLastResponseAfterMaxAttempts()
    {
        _server.DefaultResponder = FakeHttpServer.Status(500);
        using var client = Client();

        using var response = await client.PostAsync(_server.Url("x"), new StringContent("{}"));

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        _server.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task SendAsync_ConnectionRefused_RetriesThenThrows()
    {
        var closed = _server.Url("x");
        await _server.DisposeAsync();
        _server = await FakeHttpServer.StartAsync();
        using var client = Client();

        await Should.ThrowAsync<HttpRequestException>(() => client.PostAsync(closed, new StringContent("{}")));

        // Two backoff delays were scheduled: the first attempt and two retries.
        _clock.Timers.Count(t => t < TimeSpan.FromMinutes(1)).ShouldBe(2);
    }

    [Fact]
    public async Task SendAsync_EveryAttemptTimesOut_ThrowsTimeoutRejected()
    {
        _server.DefaultResponder = FakeHttpServer.Hang();
        using var client = Client(new HttpResilienceOptions { AttemptTimeout = TimeSpan.FromSeconds(3) });

        await Should.ThrowAsync<Polly.Timeout.TimeoutRejectedException>(() => client.PostAsync(_server.Url("x"), new StringContent("{}")));

        // The fake clock fires each attempt's timeout at once, so count attempts by their timeouts, not by arrivals.
        _clock.Timers.Count(t => t == TimeSpan.FromSeconds(3)).ShouldBe(3);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_NotRetried()
    {
        _server.DefaultResponder = FakeHttpServer.Hang();
        using var client = Client();
        using var cts = new CancellationTokenSource();

        var send = client.PostAsync(_server.Url("x"), new StringContent("{}"), cts.Token);
        while (_server.Requests.IsEmpty)
        {
            await Task.Yield();
        }

        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => send);
        _server.Requests.Count.ShouldBe(1);
    }

    private HttpClient Client(HttpResilienceOptions? options = null)
    {
        options ??= new HttpResilienceOptions { AttemptTimeout = TimeSpan.FromMinutes(5) };
        return new HttpClient(new ResilienceHandler(options, _clock, NullLogger.Instance) { InnerHandler = new SocketsHttpHandler() });
    }
}
