using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace MentionWatch.IntegrationTests.Sources;

/// <summary>
/// A fake platform API: a Kestrel app on 127.0.0.1 (port 0) that answers each request with the next scripted
/// <see cref="FakeResponse"/>, then with its <see cref="Responder"/> if it has one (404 when neither answers, so an
/// unexpected extra call shows), and records every request it got.
/// </summary>
public sealed class FakePlatform : IAsyncDisposable
{
    private LoopbackServer _server = null!;
    private readonly ConcurrentQueue<FakeResponse> _script = new();

    private FakePlatform()
    {
    }

    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    /// <summary>
    /// Answers a request when the script has run out: a fake that behaves like the platform (pages computed from the
    /// request, a rate limit) rather than one answer after another.
    /// </summary>
    public Func<FakeRequest, FakeResponse>? Responder { get; set; }

    /// <summary>The test's clock: each request is recorded with the time it arrived by it.</summary>
    public Func<DateTimeOffset>? Clock { get; set; }

    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>Called when a hanging response is being served: the test's cue to let the client's timeout fire.</summary>
    public Action? OnHang { get; set; }

    public static async Task<FakePlatform> StartAsync()
    {
        var fake = new FakePlatform();
        fake._server = await LoopbackServer.StartAsync(fake.HandleAsync);
        return fake;
    }

    public void Enqueue(params FakeResponse[] responses)
    {
        foreach (var response in responses) _script.Enqueue(response);
    }

    /// <summary>Queues several scripted exchanges (each one or more responses) in order.</summary>
    public void Enqueue(params FakeResponse[][] exchanges)
    {
        foreach (var exchange in exchanges) Enqueue(exchange);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = new FakeRequest(
            context.Request.Path.Value ?? "",
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase))
        {
            At = Clock?.Invoke(),
            Method = context.Request.Method,
        };
        Requests.Enqueue(request);
        if (!_script.TryDequeue(out var response) && Responder is { } responder) response = responder(request);
        if (response is null)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("no scripted response left");
            return;
        }

        if (response.Hang)
        {
            OnHang?.Invoke();
            try { await Task.Delay(Timeout.Infinite, context.RequestAborted); }
            catch (OperationCanceledException) { /* the client timed out, as it should */ }
            return;
        }

        context.Response.StatusCode = response.Status;
        if (response.Body.Length > 0 || response.Status != 304) context.Response.ContentType = response.ContentType;
        foreach (var (name, value) in response.Headers) context.Response.Headers[name] = value;
        if (response.Bytes is { } bytes) await context.Response.Body.WriteAsync(bytes);
        else await context.Response.WriteAsync(response.Body);
    }
}

/// <summary>One scripted answer of a <see cref="FakePlatform"/>.</summary>
public sealed record FakeResponse(int Status, string Body, string ContentType = "application/json; charset=utf-8")
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The body as bytes, sent as they are instead of <see cref="Body"/> in UTF-8: a feed in ISO-8859-1 or
    /// windows-1252, as its XML declaration says.
    /// </summary>
    public byte[]? Bytes { get; init; }

    /// <summary>Never answers: the client's attempt timeout must fire.</summary>
    public bool Hang { get; init; }

    public static FakeResponse Hanging() => new(200, "") { Hang = true };

    public static FakeResponse Html(int status = 200) =>
        new(status, "<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please sign in</body></html>", "text/html; charset=utf-8");
}

/// <summary>One request as the fake platform saw it.</summary>
public sealed record FakeRequest(string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>When it arrived, by the test's clock (<see cref="FakePlatform.Clock"/>).</summary>
    public DateTimeOffset? At { get; init; }

    public string Method { get; init; } = "GET";

    public string? Param(string name) => Query.TryGetValue(name, out var value) ? value : null;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
