using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentionWatch.Tests.Alerts;

/// <summary>
/// A Kestrel app on 127.0.0.1 standing in for Teams, Notify or a webhook receiver. Each request is recorded and
/// answered by the next queued responder, or by <see cref="DefaultResponder"/> when the queue is empty.
/// </summary>
internal sealed class FakeHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, RecordedRequest, Task>> _responders = new();

    private FakeHttpServer(WebApplication app)
    {
        _app = app;
    }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Func<HttpContext, RecordedRequest, Task> DefaultResponder { get; set; } = Status(200);

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<FakeHttpServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeHttpServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address + "/");
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
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
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
