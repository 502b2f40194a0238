namespace MentionWatch.Mentions;

/// <summary>
/// A note a person wrote on a mention (table <c>mention_notes</c>), for the teams whose alerts on the mention they
/// could see (<see cref="Teams"/>): a PALS note about a complaint is not read by every team the post also reached.
/// </summary>
public sealed class MentionNote
{
    public long Id { get; set; }
    public long MentionId { get; set; }
    public required string Author { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The teams that may read it.</summary>
    public string[] Teams { get; set; } = [];
}
