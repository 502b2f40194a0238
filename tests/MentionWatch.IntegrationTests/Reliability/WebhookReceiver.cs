using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace MentionWatch.IntegrationTests.Reliability;

/// <summary>
/// A webhook receiver on 127.0.0.1 that honours the delivery id, as the README asks of one: it answers 200 to every
/// POST and counts each <c>Idempotency-Key</c> twice over: as it arrives (what reached it on the wire, a request
/// whose sender died before the answer included) and as it is answered (what it accepted). While held (<see cref="Hold"/>), requests wait unanswered: the sender's deliveries are then under way.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private LoopbackServer _server = null!;
    private readonly ConcurrentDictionary<string, int> _arrived = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _received = new(StringComparer.Ordinal);
    private volatile TaskCompletionSource _gate = Open();
    private int _waiting;

    private WebhookReceiver()
    {
    }

    public Uri Address => new(_server.BaseAddress, "hook");

    /// <summary>Requests waiting for <see cref="Release"/>.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Requests arrived per delivery id, answered or not.</summary>
    public IReadOnlyDictionary<string, int> Arrived => _arrived;

    /// <summary>Requests answered per delivery id.</summary>
    public IReadOnlyDictionary<string, int> Received => _received;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        receiver._server = await LoopbackServer.StartAsync(receiver.HandleAsync);
        return receiver;
    }

    /// <summary>Holds every request from now on, unanswered, until <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Answers the held requests and every later one at once.</summary>
    public void Release() => _gate.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        await _server.DisposeAsync();
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
