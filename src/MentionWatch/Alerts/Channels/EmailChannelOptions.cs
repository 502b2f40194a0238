using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace MentionWatch.Alerts.Channels;

/// <summary>
/// Settings of the <c>email</c> channel (<c>Alerts:Email</c>): an SMTP submission server. Leave <see cref="Host"/>
/// empty when no team uses email; once it is set, the rest is checked at start.
/// </summary>
public sealed class EmailChannelOptions : IValidatableObject
{
    public const string SectionName = "Alerts:Email";

    /// <summary>SMTP server name, e.g. <c>smtp.office365.com</c> or the trust's relay. Empty turns email off.</summary>
    public string? Host { get; set; }

    /// <summary>SMTP port (default 587, submission with STARTTLS).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>
    /// Require STARTTLS before anything is sent (default true). If the server does not offer it, nothing is sent: an
    /// alert names a post and a team, and a missing STARTTLS can be an attacker stripping it. Only a relay on the
    /// same host or a test sink should turn this off.
    /// </summary>
    public bool UseStartTls { get; set; } = true;

    /// <summary>SMTP user for AUTH (PLAIN or LOGIN); empty sends without AUTH. Credentials are only ever sent over TLS.</summary>
    public string? Username { get; set; }

    /// <summary>SMTP password. Supply through the environment (<c>Alerts__Email__Password</c>) or user secrets only.</summary>
    public string? Password { get; set; }

    /// <summary>Sender, e.g. <c>MentionWatch &lt;mentionwatch@trust.nhs.uk&gt;</c>.</summary>
    public string? From { get; set; }

    /// <summary>Name sent in EHLO (default: this machine's host name).</summary>
    public string? ClientName { get; set; }

    /// <summary>Longest a whole SMTP conversation may take (default 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            yield break;
        }

        if (!MailAddress.TryCreate(From, out _))
        {
            yield return new ValidationResult($"{SectionName}:From must be an email address when Host is set.", [nameof(From)]);
        }

        if (!string.IsNullOrEmpty(Username) && string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult($"{SectionName}:Password is required when Username is set.", [nameof(Password)]);
        }

        if (!string.IsNullOrEmpty(Username) && !UseStartTls)
        {
            yield return new ValidationResult(
                $"{SectionName}:UseStartTls must be true when Username is set: credentials are never sent in clear.", [nameof(UseStartTls)]);
        }
    }
}
