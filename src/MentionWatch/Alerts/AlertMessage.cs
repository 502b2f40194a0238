namespace MentionWatch.Alerts;

/// <summary>
/// What a channel is asked to send about one alert. It carries the least personal data that works:
/// <see cref="Excerpt"/> is null unless the team's settings allow an excerpt, and an SMS never carries it.
/// </summary>
public sealed record AlertMessage
{
    public required long AlertId { get; init; }
    public required long MentionId { get; init; }
    public required string Team { get; init; }
    public required IReadOnlyList<string> Labels { get; init; }
    public required bool Urgent { get; init; }

    /// <summary>One line for a subject or SMS, e.g. "Urgent: possible crisis post — open MentionWatch".</summary>
    public required string Headline { get; init; }

    /// <summary>Why the classifier raised it, in plain words.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>What the team must do, from the trusts' policies (e.g. "No public reply until the action is agreed").</summary>
    public IReadOnlyList<string> Instructions { get; init; } = [];

    public required string Platform { get; init; }
    public required DateTimeOffset PostedAt { get; init; }

    /// <summary>Link to the mention in MentionWatch's web pages.</summary>
    public required string Link { get; init; }

    /// <summary>Signed, expiring acknowledgement link, when configured.</summary>
    public string? AcknowledgeLink { get; init; }

    /// <summary>A short excerpt of the post, only when the team allows it.</summary>
    public string? Excerpt { get; init; }

    /// <summary>Link to the original post on the platform, only when the team allows excerpts.</summary>
    public string? PostUrl { get; init; }
}
