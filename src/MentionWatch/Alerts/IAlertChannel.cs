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
}
