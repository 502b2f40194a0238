namespace MentionWatch.Persistence;

/// <summary>One recorded action by a person or the service (table <c>audit_log</c>).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }
    public string? Detail { get; set; }
}
