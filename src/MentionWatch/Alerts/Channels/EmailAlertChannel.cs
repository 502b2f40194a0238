using System.Net;
using System.Net.Mail;
using System.Net.Security;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmtpClient = MailKit.Net.Smtp.SmtpClient;

namespace MentionWatch.Alerts.Channels;

/// <summary>
/// Kind <c>email</c>: sends the alert by SMTP (MailKit) to the target's address (several may be separated by <c>,</c>
/// or <c>;</c>) as a plain and HTML <c>multipart/alternative</c> message (see <see cref="EmailContent"/>).
/// </summary>
/// <remarks>
/// With <see cref="EmailChannelOptions.UseStartTls"/> on, nothing is sent unless the server offers STARTTLS and the
/// handshake succeeds, and credentials never cross in clear. MailKit picks the strongest SASL mechanism both sides
/// have (PLAIN or LOGIN on most relays). 4xx replies, broken connections and time-outs are transient; 5xx replies,
/// a refused certificate, missing STARTTLS or AUTH and bad credentials are not. Retrying is left to the deliver
/// consumer: a retry after the server accepted DATA would send the email twice.
/// </remarks>
public sealed class EmailAlertChannel : IAlertChannel
{
    private readonly IOptions<EmailChannelOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<EmailAlertChannel> _logger;
    private readonly RemoteCertificateValidationCallback? _certificateValidation;

    public EmailAlertChannel(IOptions<EmailChannelOptions> options, TimeProvider timeProvider, ILogger<EmailAlertChannel> logger)
        : this(options, timeProvider, logger, certificateValidation: null)
    {
    }

    /// <param name="certificateValidation">Tests trust their self-signed certificate here; null means the system's validation.</param>
    internal EmailAlertChannel(
        IOptions<EmailChannelOptions> options,
        TimeProvider timeProvider,
        ILogger<EmailAlertChannel> logger,
        RemoteCertificateValidationCallback? certificateValidation)
    {
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _certificateValidation = certificateValidation;
    }

    /// <inheritdoc />
    public string Kind => "email";

    /// <inheritdoc />
    public async Task SendAsync(AlertMessage message, ChannelTarget target, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(target);
        var options = _options.Value;
        if (string.IsNullOrWhiteSpace(options.Host) || !MailAddress.TryCreate(options.From, out var from))
        {
            throw new AlertDeliveryException(Kind, "email: Alerts:Email:Host and From are not configured", isTransient: false);
        }

        var recipients = ParseRecipients(target.Address);
        using var mime = EmailContent.Build(message, from, recipients, idempotencyKey, _timeProvider.GetUtcNow());

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        using var smtp = new SmtpClient
        {
            LocalDomain = string.IsNullOrWhiteSpace(options.ClientName) ? Dns.GetHostName() : options.ClientName,
            Timeout = (int)options.Timeout.TotalMilliseconds,
            ServerCertificateValidationCallback = _certificateValidation,
            // As before MailKit: no CRL/OCSP lookup, so an unreachable revocation server cannot stop urgent alerts.
            CheckCertificateRevocation = false,
        };
        try
        {
            await ConnectAsync(smtp, options, message.AlertId, timeout.Token);
            if (!string.IsNullOrEmpty(options.Username))
            {
                if (!smtp.IsEncrypted)
                {
                    throw new AlertDeliveryException(Kind, "email: refusing to send credentials over an unencrypted connection", isTransient: false);
                }

                await smtp.AuthenticateAsync(new NetworkCredential(options.Username, options.Password ?? string.Empty), timeout.Token);
            }

            await smtp.SendAsync(mime, timeout.Token);
        }
        catch (Exception ex) when (Classify(ex, options, cancellationToken) is { } failure)
        {
            throw failure;
        }

        await QuitQuietlyAsync(smtp, timeout.Token);
        Log.AlertHandedOver(_logger, message.AlertId, message.MentionId, Kind);
    }

    private async Task ConnectAsync(SmtpClient smtp, EmailChannelOptions options, long alertId, CancellationToken ct)
    {
        try
        {
            await smtp.ConnectAsync(options.Host!, options.Port, options.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
        }
        catch (NotSupportedException) when (options.UseStartTls)
        {
            // MailKit's only NotSupportedException on connect with StartTls: the server's EHLO lacks STARTTLS.
            Log.StartTlsNotOffered(_logger, options.Host!, options.Port, alertId);
            throw new AlertDeliveryException(Kind, $"email: {options.Host} does not offer STARTTLS, which is required", isTransient: false);
        }

        if (smtp.IsEncrypted)
        {
            Log.StartTlsUpgraded(_logger, options.Host!, options.Port);
        }
    }

    /// <summary>Which failures a later retry may cure; null for exceptions that are not the far end's (they propagate).</summary>
    private AlertDeliveryException? Classify(Exception ex, EmailChannelOptions options, CancellationToken cancellationToken) => ex switch
    {
        AlertDeliveryException => null,
        OperationCanceledException when !cancellationToken.IsCancellationRequested =>
            new(Kind, $"email: no answer from {options.Host}:{options.Port} within {options.Timeout}", isTransient: true, innerException: ex),
        // A certificate that does not validate is a configuration or interception problem, not a blip.
        SslHandshakeException or System.Security.Authentication.AuthenticationException =>
            new(Kind, $"email: TLS handshake with {options.Host} failed: {ex.Message}", isTransient: false, innerException: ex),
        MailKit.Security.AuthenticationException =>
            new(Kind, $"email: {options.Host} refused the credentials: {ex.Message}", isTransient: false, innerException: ex),
        // No AUTH offered, or none of its mechanisms MailKit knows.
        NotSupportedException =>
            new(Kind, $"email: {options.Host}: {ex.Message}", isTransient: false, innerException: ex),
        SmtpCommandException command =>
            new(Kind, $"email: {command.ErrorCode} answered {(int)command.StatusCode} {ex.Message}",
                isTransient: (int)command.StatusCode is >= 400 and < 500, innerException: ex),
        SmtpProtocolException or IOException or SocketException or ServiceNotConnectedException => AlertDeliveryException.FromTransport(Kind, ex),
        _ => null,
    };

    private static async Task QuitQuietlyAsync(SmtpClient smtp, CancellationToken ct)
    {
        try
        {
            await smtp.DisconnectAsync(quit: true, ct);
        }
        catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
        {
            // The message is already accepted; a rude goodbye changes nothing, and a retry would send it twice.
        }
    }

    private List<MailAddress> ParseRecipients(string? address)
    {
        var recipients = new List<MailAddress>();
        foreach (var part in (address ?? string.Empty).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Printable ASCII without angle brackets: a configuration typo fails here, before any connection.
            if (!MailAddress.TryCreate(part, out var parsed) || parsed.Address.Any(c => c is <= ' ' or > '~' or '<' or '>'))
            {
                throw new AlertDeliveryException(Kind, "email: target has an invalid email address", isTransient: false);
            }

            recipients.Add(parsed);
        }

        return recipients.Count > 0
            ? recipients
            : throw new AlertDeliveryException(Kind, "email: the target has no email address", isTransient: false);
    }
}
