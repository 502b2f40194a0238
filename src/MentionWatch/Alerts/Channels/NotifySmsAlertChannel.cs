using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace MentionWatch.Alerts.Channels;

/// <summary>
/// Kind <c>notify-sms</c>: sends a text message through GOV.UK Notify (<c>POST /v2/notifications/sms</c>) to the
/// target's mobile number. Each attempt is signed by <see cref="NotifyAuthenticationHandler"/> on its HTTP client.
/// </summary>
/// <remarks>
/// Privacy: an SMS leaves the trust's systems and sits on a phone's lock screen, so it carries only
/// <see cref="AlertMessage.Headline"/> and <see cref="AlertMessage.Link"/> (personalisation <c>headline</c> and
/// <c>link</c>) — never the excerpt, the post's URL, reasons or labels. The idempotency key goes as Notify's
/// <c>reference</c>. Notify does not deduplicate on it, but it lets a sent message be found:
/// <see cref="CheckAsync"/> asks Notify (<c>GET /v2/notifications?reference=…</c>) before a delivery cut off mid-send
/// goes again.
/// </remarks>
public sealed class NotifySmsAlertChannel : IAlertChannel
{
    /// <summary>Name of the resilient <see cref="HttpClient"/> this channel uses.</summary>
    public const string HttpClientName = "alerts-notify";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptions<NotifyChannelOptions> _options;

    public NotifySmsAlertChannel(IHttpClientFactory httpClientFactory, IOptions<NotifyChannelOptions> options)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
    }

    /// <inheritdoc />
    public string Kind => "notify-sms";

    /// <inheritdoc />
    public async Task SendAsync(AlertMessage message, ChannelTarget target, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(target);
        var options = _options.Value;
        if (!NotifyApiKey.TryParse(options.ApiKey, out _) || string.IsNullOrEmpty(options.SmsTemplateId))
        {
            throw new AlertDeliveryException(Kind, "notify-sms: Alerts:Notify:ApiKey and SmsTemplateId are not configured", isTransient: false);
        }

        if (string.IsNullOrWhiteSpace(target.Address))
        {
            throw new AlertDeliveryException(Kind, "notify-sms: the target has no phone number", isTransient: false);
        }

        var body = new SmsRequest
        {
            PhoneNumber = target.Address.Trim(),
            TemplateId = options.SmsTemplateId,
            Personalisation = new Dictionary<string, string>
            {
                ["headline"] = message.Headline,
                ["link"] = message.Link,
            },
            Reference = idempotencyKey,
        };

        var endpoint = new Uri(new Uri(options.BaseAddress.TrimEnd('/') + "/"), "v2/notifications/sms");
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = JsonContent.Create(body) };

        await AlertHttp.SendAsync(Kind, _httpClientFactory.CreateClient(HttpClientName), request, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DeliveryCheck> CheckAsync(string idempotencyKey, ChannelTarget target, CancellationToken cancellationToken)
    {
        var endpoint = new Uri(new Uri(_options.Value.BaseAddress.TrimEnd('/') + "/"),
            $"v2/notifications?template_type=sms&reference={Uri.EscapeDataString(idempotencyKey)}");
        using var response = await _httpClientFactory.CreateClient(HttpClientName).GetAsync(endpoint, cancellationToken);
        await AlertDeliveryException.ThrowIfFailedAsync(Kind, response, cancellationToken);
        var found = await response.Content.ReadFromJsonAsync<NotificationList>(cancellationToken);
        return found?.Notifications.Any(n => n.Reference == idempotencyKey) == true ? DeliveryCheck.Sent : DeliveryCheck.NotSent;
    }

    private sealed record NotificationList
    {
        [JsonPropertyName("notifications")]
        public IReadOnlyList<NotificationReference> Notifications { get; init; } = [];
    }

    private sealed record NotificationReference
    {
        [JsonPropertyName("reference")]
        public string? Reference { get; init; }
    }

    private sealed record SmsRequest
    {
        [JsonPropertyName("phone_number")]
        public required string PhoneNumber { get; init; }

        [JsonPropertyName("template_id")]
        public required string TemplateId { get; init; }

        [JsonPropertyName("personalisation")]
        public required IReadOnlyDictionary<string, string> Personalisation { get; init; }

        [JsonPropertyName("reference")]
        public required string Reference { get; init; }
    }
}
