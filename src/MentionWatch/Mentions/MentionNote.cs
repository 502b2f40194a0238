namespace MentionWatch.Mentions;

/// <summary>A note a person wrote on a mention (table <c>mention_notes</c>).</summary>
public sealed class MentionNote
{
    public long Id { get; set; }
    public long MentionId { get; set; }
    public required string Author { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
