using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Alerts.Channels;

/// <summary>
/// Settings of the <c>notify-sms</c> channel (<c>Alerts:Notify</c>): GOV.UK Notify. Leave <see cref="ApiKey"/> empty
/// when no team uses SMS; once it is set, the key and template are checked at start.
/// </summary>
public sealed class NotifyChannelOptions : IValidatableObject
{
    public const string SectionName = "Alerts:Notify";

    private const int UuidLength = 36;

    /// <summary>Notify's API root (default <c>https://api.notifications.service.gov.uk</c>).</summary>
    [Required]
    public string BaseAddress { get; set; } = "https://api.notifications.service.gov.uk";

    /// <summary>
    /// The API key, <c>{key_name}-{service_id}-{secret_key}</c>. Supply it through the environment
    /// (<c>Alerts__Notify__ApiKey</c>) or user secrets, never in appsettings.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The SMS template's id. The template must use the placeholders <c>((headline))</c> and <c>((link))</c> and
    /// nothing else: an SMS never carries the post's text or author.
    /// </summary>
    public string? SmsTemplateId { get; set; }

    /// <summary>
    /// Whether <paramref name="apiKey"/> reads as <c>{key_name}-{service_id}-{secret_key}</c>: the last two
    /// 36-character UUIDs, whatever hyphens the key name holds (the shape the Notify client splits).
    /// </summary>
    public static bool IsApiKey(string? apiKey) =>
        apiKey is { Length: > (2 * UuidLength) + 2 } && !apiKey.Contains(' ', StringComparison.Ordinal)
        && apiKey[^(UuidLength + 1)] == '-' && apiKey[^((2 * UuidLength) + 2)] == '-'
        && Guid.TryParseExact(apiKey[^UuidLength..], "D", out _)
        && Guid.TryParseExact(apiKey[^((2 * UuidLength) + 1)..^(UuidLength + 1)], "D", out _);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(BaseAddress, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            yield return new ValidationResult($"{SectionName}:BaseAddress must be an absolute https URL.", [nameof(BaseAddress)]);
        }

        if (string.IsNullOrEmpty(ApiKey))
        {
            yield break;
        }

        if (!IsApiKey(ApiKey))
        {
            // Never echo the key itself into the error.
            yield return new ValidationResult(
                $"{SectionName}:ApiKey is not a Notify API key ({{key_name}}-{{service_id}}-{{secret_key}}, both ids UUIDs).",
                [nameof(ApiKey)]);
        }

        if (!Guid.TryParse(SmsTemplateId, out _))
        {
            yield return new ValidationResult($"{SectionName}:SmsTemplateId must be the template's UUID when ApiKey is set.", [nameof(SmsTemplateId)]);
        }
    }
}
