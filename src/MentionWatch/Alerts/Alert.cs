namespace MentionWatch.Alerts;

/// <summary>An alert raised to one team for one mention (table <c>alerts</c>).</summary>
public sealed class Alert
{
    public long Id { get; set; }
    public long MentionId { get; set; }
    public required string Team { get; set; }
    public string[] Labels { get; set; } = [];
    public bool Urgent { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public string State { get; set; } = "open";
    public bool HoldPublicReply { get; set; } = true;
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AssignedTo { get; set; }
    public string? ActionAgreedBy { get; set; }
    public DateTimeOffset? ActionAgreedAt { get; set; }
    public string? ClosedBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? PalsReference { get; set; }
}
