using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace MentionWatch.Tests.Alerts;

/// <summary>
/// A Kestrel app on 127.0.0.1 standing in for Teams, Notify or a webhook receiver. Each request is recorded and
/// answered by the next queued responder, or by <see cref="DefaultResponder"/> when the queue is empty.
/// </summary>
internal sealed class FakeHttpServer : IAsyncDisposable
{
    private LoopbackServer _server = null!;
    private readonly ConcurrentQueue<Func<HttpContext, RecordedRequest, Task>> _responders = new();

    private FakeHttpServer()
    {
    }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Func<HttpContext, RecordedRequest, Task> DefaultResponder { get; set; } = Status(200);

    public Uri BaseAddress => _server.BaseAddress;

    public static async Task<FakeHttpServer> StartAsync()
    {
        var server = new FakeHttpServer();
        server._server = await LoopbackServer.StartAsync(server.HandleAsync);
        return server;
    }

    public Uri Url(string path) => new(BaseAddress, path);

    public void Enqueue(params Func<HttpContext, RecordedRequest, Task>[] responders)
    {
        foreach (var responder in responders)
        {
            _responders.Enqueue(responder);
        }
    }

    public static Func<HttpContext, RecordedRequest, Task> Status(int status, string body = "", string? retryAfter = null) =>
        async (context, _) =>
        {
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            await context.Response.WriteAsync(body);
        };

    /// <summary>Never answers: the client must time out.</summary>
    public static Func<HttpContext, RecordedRequest, Task> Hang() =>
        async (context, _) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up, as it should.
            }
        };

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var recorded = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            await reader.ReadToEndAsync(context.RequestAborted));
        Requests.Enqueue(recorded);
        var responder = _responders.TryDequeue(out var next) ? next : DefaultResponder;
        await responder(context, recorded);
    }
}
