using System.Net;
using System.Net.Mail;
using System.Net.Security;
using System.Security.Authentication;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MentionWatch.Alerts.Channels;

/// <summary>
/// Kind <c>email</c>: sends the alert by SMTP to the target's address (several may be separated by <c>,</c> or
/// <c>;</c>) as a plain and HTML <c>multipart/alternative</c> message (see <see cref="EmailContent"/>).
/// </summary>
/// <remarks>
/// A small client of our own rather than <see cref="System.Net.Mail.SmtpClient"/>, which Microsoft no longer
/// recommends and which gives no say over STARTTLS: with <see cref="EmailChannelOptions.UseStartTls"/> on, nothing is
/// sent unless the server offers STARTTLS and the handshake succeeds, and credentials never cross in clear. AUTH
/// uses PLAIN, else LOGIN. 4xx replies and broken connections are transient; 5xx replies are not. Retrying is
/// left to the deliver consumer: a retry after the server accepted DATA would send the email twice.
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
        var mime = EmailContent.Build(message, from, recipients, idempotencyKey, _timeProvider.GetUtcNow());

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            await using var smtp = await SmtpConnection.ConnectAsync(options.Host, options.Port, timeout.Token);
            await ConverseAsync(smtp, options, message, from, recipients, mime, timeout.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AlertDeliveryException(Kind, $"email: no answer from {options.Host}:{options.Port} within {options.Timeout}", isTransient: true, innerException: ex);
        }
        catch (AuthenticationException ex)
        {
            // A certificate that does not validate is a configuration or interception problem, not a blip.
            throw new AlertDeliveryException(Kind, $"email: TLS handshake with {options.Host} failed: {ex.Message}", isTransient: false, innerException: ex);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
        {
            throw AlertDeliveryException.FromTransport(Kind, ex);
        }

        Log.AlertHandedOver(_logger, message.AlertId, message.MentionId, Kind);
    }

    private async Task ConverseAsync(
        SmtpConnection smtp, EmailChannelOptions options, AlertMessage message, MailAddress from,
        IReadOnlyList<MailAddress> recipients, string mime, CancellationToken ct)
    {
        var clientName = string.IsNullOrWhiteSpace(options.ClientName) ? Dns.GetHostName() : options.ClientName;
        var greeting = await smtp.ReadReplyAsync(ct);
        if (greeting.Code != 220)
        {
            throw new AlertDeliveryException(Kind, $"email: server greeted with {greeting}", greeting.IsTransientFailure);
        }

        var capabilities = await smtp.CommandAsync($"EHLO {clientName}", null, ct, 250);
        if (options.UseStartTls)
        {
            if (!Offers(capabilities, "STARTTLS"))
            {
                Log.StartTlsNotOffered(_logger, options.Host!, options.Port, message.AlertId);
                await QuitQuietlyAsync(smtp, ct);
                throw new AlertDeliveryException(Kind, $"email: {options.Host} does not offer STARTTLS, which is required", isTransient: false);
            }

            await smtp.CommandAsync("STARTTLS", null, ct, 220);
            await smtp.UpgradeToTlsAsync(options.Host!, _certificateValidation, ct);
            Log.StartTlsUpgraded(_logger, options.Host!, options.Port);
            capabilities = await smtp.CommandAsync($"EHLO {clientName}", null, ct, 250);
        }

        if (!string.IsNullOrEmpty(options.Username))
        {
            await AuthenticateAsync(smtp, capabilities, options.Username, options.Password ?? string.Empty, ct);
        }

        await smtp.CommandAsync($"MAIL FROM:<{from.Address}>", null, ct, 250);
        foreach (var recipient in recipients)
        {
            await smtp.CommandAsync($"RCPT TO:<{recipient.Address}>", null, ct, 250, 251);
        }

        await smtp.CommandAsync("DATA", null, ct, 354);
        await smtp.SendDataAsync(mime, ct);
        await QuitQuietlyAsync(smtp, ct);
    }

    private async Task AuthenticateAsync(SmtpConnection smtp, SmtpReply capabilities, string username, string password, CancellationToken ct)
    {
        if (!smtp.IsEncrypted)
        {
            throw new AlertDeliveryException(Kind, "email: refusing to send credentials over an unencrypted connection", isTransient: false);
        }

        var mechanisms = capabilities.Lines
            .Where(l => l.StartsWith("AUTH", StringComparison.OrdinalIgnoreCase) && l.Length > 4 && l[4] is ' ' or '=')
            .SelectMany(l => l[5..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        if (mechanisms.Contains("PLAIN"))
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{username}\0{password}"));
            await smtp.CommandAsync($"AUTH PLAIN {token}", "AUTH PLAIN", ct, 235);
        }
        else if (mechanisms.Contains("LOGIN"))
        {
            await smtp.CommandAsync("AUTH LOGIN", null, ct, 334);
            await smtp.CommandAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(username)), "AUTH LOGIN user name", ct, 334);
            await smtp.CommandAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(password)), "AUTH LOGIN password", ct, 235);
        }
        else
        {
            throw new AlertDeliveryException(Kind, "email: server offers neither AUTH PLAIN nor AUTH LOGIN", isTransient: false);
        }
    }

    private static bool Offers(SmtpReply ehlo, string extension) =>
        ehlo.Lines.Skip(1).Any(l => l.Equals(extension, StringComparison.OrdinalIgnoreCase)
            || l.StartsWith(extension + " ", StringComparison.OrdinalIgnoreCase));

    private static async Task QuitQuietlyAsync(SmtpConnection smtp, CancellationToken ct)
    {
        try
        {
            await smtp.CommandAsync("QUIT", null, ct, 221);
        }
        catch (Exception ex) when (ex is AlertDeliveryException or IOException)
        {
            // The message is already accepted (or refused); a rude goodbye changes nothing.
        }
    }

    private List<MailAddress> ParseRecipients(string? address)
    {
        var recipients = new List<MailAddress>();
        foreach (var part in (address ?? string.Empty).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Printable ASCII without angle brackets: nothing that could end the RCPT line or smuggle a command in.
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
