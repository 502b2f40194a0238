using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace MentionWatch.Alerts.Channels;

/// <summary>
/// Kind <c>webhook</c>: POSTs the alert as JSON (<see cref="AlertEnvelope"/>) to the target's URL, signed with the
/// target's secret. See <see cref="WebhookSignature"/> for the headers and how a receiver verifies them. A target
/// without a secret is refused rather than sent unsigned.
/// </summary>
public sealed class WebhookAlertChannel : IAlertChannel
{
    /// <summary>Name of the resilient <see cref="HttpClient"/> this channel uses.</summary>
    public const string HttpClientName = "alerts-webhook";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _timeProvider;

    public WebhookAlertChannel(IHttpClientFactory httpClientFactory, TimeProvider timeProvider)
    {
        _httpClientFactory = httpClientFactory;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public string Kind => "webhook";

    /// <inheritdoc />
    public async Task SendAsync(AlertMessage message, ChannelTarget target, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(target);
        var endpoint = AlertHttp.RequireEndpoint(Kind, target.Address);
        if (string.IsNullOrEmpty(target.Secret))
        {
            throw new AlertDeliveryException(Kind, "webhook: the target has no Secret to sign with", isTransient: false);
        }

        var now = _timeProvider.GetUtcNow();
        var body = new AlertEnvelope { IdempotencyKey = idempotencyKey, SentAt = now, Alert = message }.ToJson();
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(target.Secret, timestamp, body));
        request.Headers.Add(WebhookSignature.IdempotencyKeyHeader, idempotencyKey);

        await AlertHttp.SendAsync(Kind, _httpClientFactory.CreateClient(HttpClientName), request, cancellationToken);
    }
}
