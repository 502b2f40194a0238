using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Notify.Client;
using Notify.Exceptions;

namespace MentionWatch.Alerts.Channels;

/// <summary>
/// Kind <c>notify-sms</c>: sends a text message through GOV.UK Notify with Notify's own client
/// (<see cref="NotificationClient.SendSmsAsync"/>, which signs each call with a fresh JWT) to the target's mobile
/// number, over this channel's resilient <see cref="HttpClient"/>.
/// </summary>
/// <remarks>
/// <para>Privacy: an SMS leaves the trust's systems and sits on a phone's lock screen, so it carries only
/// <see cref="AlertMessage.Headline"/> and <see cref="AlertMessage.Link"/> (personalisation <c>headline</c> and
/// <c>link</c>) — never the excerpt, the post's URL, reasons or labels. The idempotency key goes as Notify's
/// <c>reference</c>. Notify does not deduplicate on it, but it lets a sent message be found:
/// <see cref="CheckAsync"/> asks Notify (<c>GET /v2/notifications?reference=…</c>) before a delivery cut off mid-send
/// goes again.</para>
/// <para>The client (GovukNotify 6.0.0) takes no cancellation token and waits for its HTTP call synchronously, so each
/// call runs on a pool thread and is abandoned, not aborted, when <c>cancellationToken</c> fires; the resilience
/// handler's attempt timeout still ends the HTTP call itself. Its token is made once per call, so retries inside the
/// HTTP client reuse it: one that arrives after Notify's 30-second window is refused with a 403 about the clock,
/// which is classed transient here so that the deliver consumer's next attempt signs afresh.</para>
/// </remarks>
public sealed partial class NotifySmsAlertChannel : IAlertChannel
{
    /// <summary>Name of the resilient <see cref="HttpClient"/> this channel uses.</summary>
    public const string HttpClientName = "alerts-notify";

    private const int MaxReasonLength = 500;

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
        if (!NotifyChannelOptions.IsApiKey(options.ApiKey) || string.IsNullOrEmpty(options.SmsTemplateId))
        {
            throw new AlertDeliveryException(Kind, "notify-sms: Alerts:Notify:ApiKey and SmsTemplateId are not configured", isTransient: false);
        }

        if (string.IsNullOrWhiteSpace(target.Address))
        {
            throw new AlertDeliveryException(Kind, "notify-sms: the target has no phone number", isTransient: false);
        }

        var personalisation = new Dictionary<string, object>
        {
            ["headline"] = message.Headline,
            ["link"] = message.Link,
        };
        await CallAsync(
            client => client.SendSmsAsync(target.Address.Trim(), options.SmsTemplateId, personalisation, clientReference: idempotencyKey),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DeliveryCheck> CheckAsync(string idempotencyKey, ChannelTarget target, CancellationToken cancellationToken)
    {
        var found = await CallAsync(client => client.GetNotificationsAsync(templateType: "sms", reference: idempotencyKey), cancellationToken);
        return found?.notifications?.Any(n => n.reference == idempotencyKey) == true ? DeliveryCheck.Sent : DeliveryCheck.NotSent;
    }

    private async Task<T> CallAsync<T>(Func<NotificationClient, Task<T>> call, CancellationToken cancellationToken)
    {
        var options = _options.Value;
        try
        {
            // Task.Run: the client blocks its caller until Notify answers (see remarks).
            return await Task.Run(
                async () =>
                {
                    using var http = new HttpClientWrapper(_httpClientFactory.CreateClient(HttpClientName));
                    var client = new NotificationClient(http, options.ApiKey);

                    // The constructor taking an HTTP client fixes the live API root; point it at the configured one.
                    http.BaseAddress = new Uri(options.BaseAddress.TrimEnd('/') + "/");
                    return await call(client);
                },
                cancellationToken).WaitAsync(cancellationToken);
        }
        catch (NotifyClientException ex)
        {
            throw Failure(ex);
        }
        catch (NotifyAuthException ex)
        {
            throw new AlertDeliveryException(Kind, $"notify-sms: {ex.Message}", isTransient: false, innerException: ex);
        }
        catch (AggregateException ex) when (ex.InnerException is NotifyClientException inner)
        {
            throw Failure(inner);
        }
        catch (AggregateException ex) when (ex.InnerException is HttpRequestException or Polly.Timeout.TimeoutRejectedException or TaskCanceledException)
        {
            // The last attempt failed on the wire or timed out (the client surfaces these wrapped, from its blocking wait).
            throw AlertDeliveryException.FromTransport(Kind, ex.InnerException);
        }
    }

    /// <summary>Notify's error, classed by its HTTP status, which the client only gives in the message text.</summary>
    private AlertDeliveryException Failure(NotifyClientException ex)
    {
        var reason = ex.Message.Length > MaxReasonLength ? ex.Message[..MaxReasonLength] : ex.Message;
        var match = StatusPattern().Match(ex.Message);
        if (!match.Success)
        {
            // No status: the request never got an answer.
            return new AlertDeliveryException(Kind, $"notify-sms: {reason}", isTransient: true, innerException: ex);
        }

        var status = (HttpStatusCode)int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var transient = (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            || (status is HttpStatusCode.Forbidden && ex.Message.Contains("system clock", StringComparison.OrdinalIgnoreCase));
        return new AlertDeliveryException(Kind, $"notify-sms: HTTP {(int)status} {status}: {reason}", transient, status, ex);
    }

    [GeneratedRegex(@"^Status code (\d{3})\b", RegexOptions.CultureInvariant)]
    private static partial Regex StatusPattern();
}
