using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Alerts;

/// <summary>Timing of alert delivery (<c>Alerts</c> section): fallback, acknowledgement links, escalation, the timing jobs.</summary>
public sealed class AlertDeliveryOptions
{
    public const string SectionName = "Alerts";

    /// <summary>
    /// Consume attempts (each already retried by Polly at the HTTP/SMTP edge) after which a failing channel is given
    /// up for the alert and the team's next fallback channel is used. Must not exceed the consumer's 8 retries. Default 3.
    /// </summary>
    [Range(1, 8)]
    public int AttemptsBeforeFallback { get; set; } = 3;

    /// <summary>
    /// How long a delivery's claim lasts: its send is cut off after four fifths of it, and another worker may take the
    /// delivery over once it has run out (the holder died mid-send). A worker's own retry takes its claim over at once.
    /// Default 1 minute: longer than a channel's own retries (three attempts of at most 15 s), short enough that a
    /// crisis alert held by a killed worker goes out again within a minute or two.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan DeliveryLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one send may take: four fifths of <see cref="DeliveryLease"/>, so it ends before the lease does.</summary>
    public TimeSpan SendLimit => DeliveryLease * 0.8;

    /// <summary>
    /// Key for the HMAC-SHA256 signature of acknowledgement links (at least 32 characters; from the environment or
    /// user secrets, never a committed file). Unset: alerts carry no acknowledgement link.
    /// </summary>
    [MinLength(32)]
    public string? AcknowledgeSigningKey { get; set; }

    /// <summary>How long an acknowledgement link stays valid. Default 3 days (a Friday-evening digest item is still acknowledgeable on Monday).</summary>
    public TimeSpan AcknowledgeLinkLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long an urgent alert may stay unacknowledged before each re-send and escalation step. Default 15 minutes.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Teams (<c>Routing:Teams</c> names) told, one per step, when an urgent alert stays unacknowledged: step n goes
    /// to the n-th, and every step after the last goes to the last again. Empty: the alert is only re-sent.
    /// </summary>
    public List<string> EscalationContacts { get; set; } = [];

    /// <summary>
    /// A demo or test run, whose alerts may go to the console channel alone. Off (the default), the service refuses
    /// to start while a team that can receive urgent alerts has no channel that reaches a person.
    /// </summary>
    public bool DemoMode { get; set; }

    /// <summary>
    /// The least time between a story's messages to a team: its alert, then each "shared N more times" update, sent
    /// only while the alert is not closed. Default 1 hour.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan StoryUpdateEvery { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the digest, escalation and spike jobs look at the clock. Default 30 seconds.</summary>
    public TimeSpan TimingJobInterval { get; set; } = TimeSpan.FromSeconds(30);
}
