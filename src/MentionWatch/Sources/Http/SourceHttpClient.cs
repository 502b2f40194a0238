using System.Text;
using Microsoft.Extensions.Options;

namespace MentionWatch.Sources.Http;

/// <summary>
/// What every HTTP adapter uses to call its platform: the platform's named client (with its source's resilience
/// pipeline), our User-Agent, and a body read no further than <see cref="SourceHttpOptions.MaxResponseBytes"/>.
/// Throttling and non-success statuses are left to the caller, which knows its platform's signals.
/// </summary>
public sealed class SourceHttpClient(IHttpClientFactory factory, IOptions<SourceHttpOptions> options, HostPoliteness politeness)
{
    /// <summary>The named client for a platform, e.g. <c>source-x</c>.</summary>
    public static string ClientName(string platform) => $"source-{platform}";

    /// <summary>
    /// Backs off every source on <paramref name="uri"/>'s host until <paramref name="until"/>: a throttle an adapter read
    /// from the host's answer, where the host (a feed's site, Care Opinion) limits the client, not one search.
    /// </summary>
    public void BackOffHost(Uri uri, DateTimeOffset until, string reason) => politeness.BackOff(uri, until, reason);

    /// <summary>Backs off every source sharing the limit <paramref name="scope"/> until <paramref name="until"/>.</summary>
    public void BackOffScope(string scope, DateTimeOffset until, string reason) => politeness.BackOff(scope, until, reason);

    public async Task<SourceResponse> GetAsync(SourceSettings source, Uri uri, Action<HttpRequestMessage>? configure, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        configure?.Invoke(request);
        return await SendAsync(source, request, ct);
    }

    public async Task<SourceResponse> SendAsync(SourceSettings source, HttpRequestMessage request, CancellationToken ct)
    {
        request.Options.Set(SourceHttpHandler.SourceIdOption, source.Id);
        if (!request.Headers.Contains("User-Agent")) request.Headers.TryAddWithoutValidation("User-Agent", options.Value.UserAgent);
        var client = factory.CreateClient(ClientName(source.Platform));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var max = options.Value.MaxResponseBytes;
        var (body, bytes, tooLarge) = await ReadCappedAsync(response.Content, max, ct);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in response.Headers.Concat(response.Content.Headers)) headers[h.Key] = string.Join(",", h.Value);
        return new SourceResponse
        {
            Status = response.StatusCode,
            Body = body,
            Bytes = bytes,
            ContentType = response.Content.Headers.ContentType?.ToString(),
            Charset = response.Content.Headers.ContentType?.CharSet,
            TooLarge = tooLarge,
            MaxBytes = max,
            RequestUri = request.RequestUri!,
            Headers = headers,
        };
    }

    private static async Task<(string Body, byte[] Bytes, bool TooLarge)> ReadCappedAsync(HttpContent content, int max, CancellationToken ct)
    {
        // An unknown charset is read as UTF-8; XML bodies are decoded again from the bytes (Charsets.DecodeXml).
        var encoding = Charsets.Find(content.Headers.ContentType?.CharSet) ?? Encoding.UTF8;
        await using var stream = await content.ReadAsStreamAsync(ct);
        var buffer = new byte[Math.Min(max + 1, 64 * 1024)];
        using var memory = new MemoryStream();
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            memory.Write(buffer, 0, read);
            if (memory.Length > max)
            {
                return (encoding.GetString(memory.GetBuffer(), 0, max), memory.GetBuffer()[..max], true);
            }
        }

        var bytes = memory.ToArray();
        return (encoding.GetString(bytes), bytes, false);
    }
}
