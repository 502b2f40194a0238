using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentionWatch.IntegrationTests.Reliability;

/// <summary>
/// A webhook receiver on 127.0.0.1 that honours the delivery id, as the README asks of one: it answers 200 to every
/// POST and counts each <c>Idempotency-Key</c> twice over: as it arrives (what reached it on the wire, a request
/// whose sender died before the answer included) and as it is answered (what it accepted). While held (<see cref="Hold"/>), requests wait unanswered: the sender's deliveries are then under way.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _arrived = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _received = new(StringComparer.Ordinal);
    private volatile TaskCompletionSource _gate = Open();
    private int _waiting;

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    /// <summary>Requests waiting for <see cref="Release"/>.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Requests arrived per delivery id, answered or not.</summary>
    public IReadOnlyDictionary<string, int> Arrived => _arrived;

    /// <summary>Requests answered per delivery id.</summary>
    public IReadOnlyDictionary<string, int> Received => _received;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook");
        return receiver;
    }

    /// <summary>Holds every request from now on, unanswered, until <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Answers the held requests and every later one at once.</summary>
    public void Release() => _gate.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        _arrived.AddOrUpdate(key, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _waiting);
        try
        {
            await _gate.Task.WaitAsync(context.RequestAborted);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        _received.AddOrUpdate(key, 1, (_, n) => n + 1);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}
