using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Sources.Instagram;

/// <summary>
/// <c>Instagram:Webhook</c>: the Meta webhook that delivers Instagram @mentions (they cannot be polled). The
/// endpoint answers 404 until <see cref="SourceId"/>, <see cref="AppSecret"/> and <see cref="VerifyToken"/> are all
/// set. Both secrets come from the environment or user secrets, never from committed files.
/// </summary>
public sealed class InstagramWebhookOptions
{
    public const string SectionName = "Instagram:Webhook";

    /// <summary>
    /// The configured Instagram source (<c>Sources:N:Id</c>) whose <c>UserId</c>, <c>Token</c> and <c>BaseAddress</c>
    /// fetch the mentioned items, and under which they are stored.
    /// </summary>
    public string? SourceId { get; set; }

    /// <summary>The Meta app secret: the key of the <c>X-Hub-Signature-256</c> HMAC over each notification's body.</summary>
    public string? AppSecret { get; set; }

    /// <summary>The token typed into the app dashboard's webhook settings, echoed back by Meta when subscribing.</summary>
    public string? VerifyToken { get; set; }

    /// <summary>Largest notification body read; a larger one is refused with 413 before it is checked or parsed.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>True when all three are set and neither secret is still the sample's <c>&lt;from environment…&gt;</c> placeholder.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(SourceId) && IsSecret(AppSecret) && IsSecret(VerifyToken);

    private static bool IsSecret(string? value) => !string.IsNullOrWhiteSpace(value) && !value.StartsWith('<');
}
