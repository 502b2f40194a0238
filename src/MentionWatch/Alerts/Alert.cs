namespace MentionWatch.Alerts;

/// <summary>
/// An alert raised to one team (table <c>alerts</c>): about one mention, or a notice (<see cref="Kind"/> other than
/// <c>mention</c>) about a subject such as an FOI case's reminder or a silent source.
/// </summary>
public sealed class Alert
{
    public long Id { get; set; }
    public long? MentionId { get; set; }
    public string Kind { get; set; } = AlertKinds.Mention;

    /// <summary>For a notice: what it is about, unique per team (e.g. <c>foi-case:12:due</c>).</summary>
    public string? Subject { get; set; }

    /// <summary>For a notice: its headline, details and link path; a mention alert builds these from the mention.</summary>
    public string? Headline { get; set; }
    public string[] Details { get; set; } = [];
    public string? Link { get; set; }
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
