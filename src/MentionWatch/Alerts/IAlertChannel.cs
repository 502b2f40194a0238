namespace MentionWatch.Alerts;

/// <summary>
/// One way of reaching people: console, email, Teams, GOV.UK Notify SMS, webhook. Implementations must be safe to
/// call again with the same <paramref name="idempotencyKey"/> (pass it on where the far end supports it).
/// A thrown exception means "not delivered": the deliver consumer records it and retries or falls back.
/// </summary>
public interface IAlertChannel
{
    /// <summary>The channel kind used in team configuration: <c>console</c>, <c>email</c>, <c>teams</c>, <c>notify-sms</c>, <c>webhook</c>.</summary>
    string Kind { get; }

    Task SendAsync(AlertMessage message, ChannelTarget target, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the delivery <paramref name="idempotencyKey"/> already reached the far end. Asked only when an earlier
    /// attempt was cut off mid-send (its process died, or the database failed before the send was recorded).
    /// Channels with no way to ask answer <see cref="DeliveryCheck.Unknown"/>: the delivery is sent again with the
    /// same id, for the receiving side to drop the copy.
    /// </summary>
    Task<DeliveryCheck> CheckAsync(string idempotencyKey, ChannelTarget target, CancellationToken cancellationToken) =>
        Task.FromResult(DeliveryCheck.Unknown);
}

/// <summary>A channel's answer to "did this delivery already go?".</summary>
public enum DeliveryCheck
{
    /// <summary>The channel cannot tell.</summary>
    Unknown,

    /// <summary>It did not: send it.</summary>
    NotSent,

    /// <summary>It did: record it as sent, do not send it again.</summary>
    Sent,
}
