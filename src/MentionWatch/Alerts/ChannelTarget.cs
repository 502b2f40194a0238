namespace MentionWatch.Alerts;

/// <summary>
/// Where one of a team's channels sends (<c>Routing:Teams:NAME:Channels:M</c> in configuration): the kind, the address
/// (an email address, phone number, or webhook URL) and any secret the kind needs (read from the environment).
/// </summary>
public sealed class ChannelTarget
{
    /// <summary>The <see cref="IAlertChannel.Kind"/> that sends to this target.</summary>
    public string Kind { get; set; } = "console";

    /// <summary>Email address, mobile number (E.164) or URL, depending on the kind.</summary>
    public string? Address { get; set; }

    /// <summary>Per-target secret, e.g. the webhook HMAC key. Supply through environment variables only.</summary>
    public string? Secret { get; set; }

    /// <summary>
    /// When true, this channel is used only as a fallback: when a channel before it in the team's list has failed
    /// <see cref="AlertDeliveryOptions.AttemptsBeforeFallback"/> times for the alert.
    /// </summary>
    public bool Fallback { get; set; }
}
