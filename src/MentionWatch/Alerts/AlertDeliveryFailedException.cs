namespace MentionWatch.Alerts;

/// <summary>One or more of an alert's channels failed; MassTransit retries and sends only what is missing.</summary>
public sealed class AlertDeliveryFailedException : Exception
{
    public AlertDeliveryFailedException(long alertId, IReadOnlyList<string> failures)
        : base($"Alert {alertId} was not delivered on: {string.Join("; ", failures)}") { }

    public AlertDeliveryFailedException() { }

    public AlertDeliveryFailedException(string message) : base(message) { }

    public AlertDeliveryFailedException(string message, Exception innerException) : base(message, innerException) { }
}
