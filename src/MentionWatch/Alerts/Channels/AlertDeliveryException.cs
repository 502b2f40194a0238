using System.Net;

namespace MentionWatch.Alerts.Channels;

/// <summary>
/// A channel could not deliver an alert. <see cref="IsTransient"/> tells the deliver consumer whether a later
/// retry may succeed (the far end was down, slow or throttling) or not (a rejected address, a bad key, a bad template).
/// </summary>
public sealed class AlertDeliveryException : Exception
{
    public AlertDeliveryException()
    {
        Kind = "unknown";
    }

    public AlertDeliveryException(string message)
        : base(message)
    {
        Kind = "unknown";
    }

    public AlertDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = "unknown";
    }

    public AlertDeliveryException(string kind, string message, bool isTransient, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        IsTransient = isTransient;
        StatusCode = statusCode;
    }

    /// <summary>The channel kind that failed.</summary>
    public string Kind { get; }

    /// <summary>True when the same send may succeed later without a configuration change.</summary>
    public bool IsTransient { get; }

    /// <summary>The far end's HTTP status, for HTTP channels.</summary>
    public HttpStatusCode? StatusCode { get; }

    internal static async Task ThrowIfFailedAsync(string kind, HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = response.StatusCode;
        var transient = (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

        // The far end's error body says why (bad phone number, bad template); it does not echo the alert back.
        var body = await response.Content.ReadAsStringAsync(ct);
        if (body.Length > 500)
        {
            body = body[..500];
        }

        throw new AlertDeliveryException(kind, $"{kind}: HTTP {(int)status} {status}: {body}", transient, status);
    }

    internal static AlertDeliveryException FromTransport(string kind, Exception exception) =>
        new(kind, $"{kind}: {exception.GetType().Name}: {exception.Message}", isTransient: true, innerException: exception);
}
