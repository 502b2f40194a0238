using Polly.Timeout;

namespace MentionWatch.Alerts.Channels;

/// <summary>What the HTTP channels share: checking a target URL and turning transport failures into "not delivered".</summary>
internal static class AlertHttp
{
    /// <summary>
    /// The target's URL, which must be absolute and HTTPS: alerts carry personal data. Plain HTTP is allowed to a
    /// loopback address only (local runs and tests).
    /// </summary>
    public static Uri RequireEndpoint(string kind, string? address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            throw new AlertDeliveryException(kind, $"{kind}: target address must be an absolute https URL", isTransient: false);
        }

        return uri;
    }

    /// <summary>Sends through the resilient client; throws <see cref="AlertDeliveryException"/> unless the reply is 2xx.</summary>
    public static async Task SendAsync(string kind, HttpClient client, HttpRequestMessage request, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException
            || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // The last attempt failed on the wire or timed out (the client's overall timeout surfaces as a cancellation).
            throw AlertDeliveryException.FromTransport(kind, ex);
        }

        using (response)
        {
            await AlertDeliveryException.ThrowIfFailedAsync(kind, response, ct);
        }
    }
}
