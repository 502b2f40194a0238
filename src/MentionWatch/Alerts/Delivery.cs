namespace MentionWatch.Alerts;

/// <summary>One attempt record of sending an alert to a channel (table <c>deliveries</c>).</summary>
public sealed class Delivery
{
    public long Id { get; set; }
    public long AlertId { get; set; }
    public required string Channel { get; set; }
    public required string IdempotencyKey { get; set; }
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
