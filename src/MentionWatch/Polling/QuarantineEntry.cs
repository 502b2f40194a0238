namespace MentionWatch.Polling;

/// <summary>An item a source returned that could not be stored as a mention (table <c>quarantine</c>).</summary>
public sealed class QuarantineEntry
{
    public long Id { get; set; }
    public required string SourceId { get; set; }
    public required string Reason { get; set; }
    public required string Payload { get; set; }
    public int PayloadLength { get; set; }
    public required string PayloadSha256 { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
