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

    /// <summary>When the team must acknowledge it by (its service-level target), set on first delivery.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>When the escalation job found it unacknowledged past <see cref="DueAt"/>.</summary>
    public DateTimeOffset? SlaBreachedAt { get; set; }

    /// <summary>How many times an unacknowledged urgent alert has been re-sent and escalated.</summary>
    public int EscalationLevel { get; set; }

    /// <summary><c>now</c>, <c>digest</c> or <c>both</c>: decided once, on first delivery.</summary>
    public string? DeliveryPlan { get; set; }

    /// <summary>When a held alert is due in its team's digest.</summary>
    public DateTimeOffset? DigestAt { get; set; }

    /// <summary>The digest alert that carried it.</summary>
    public long? DigestAlertId { get; set; }
}
