namespace MentionWatch.Alerts;

/// <summary>
/// What a channel is asked to send about one alert. It carries the least personal data that works:
/// <see cref="Excerpt"/> is null unless the team's settings allow an excerpt, and an SMS never carries it.
/// </summary>
public sealed record AlertMessage
{
    public required long AlertId { get; init; }
    /// <summary>The mention the alert is about; null for a notice (an FOI reminder, a silent source, a spike).</summary>
    public long? MentionId { get; init; }
    public required string Team { get; init; }

    /// <summary>One of <see cref="AlertKinds"/>.</summary>
    public string Kind { get; init; } = AlertKinds.Mention;

    /// <summary>When the alert was raised.</summary>
    public DateTimeOffset RaisedAt { get; init; }

    /// <summary>When the team must acknowledge it by (its service-level target); also the first instruction.</summary>
    public DateTimeOffset? AcknowledgeBy { get; init; }
    public required IReadOnlyList<string> Labels { get; init; }
    public required bool Urgent { get; init; }

    /// <summary>One line for a subject or SMS, e.g. "Urgent: possible crisis post — open MentionWatch".</summary>
    public required string Headline { get; init; }

    /// <summary>Why the classifier raised it, in plain words.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>What the team must do, from the trusts' policies (e.g. "No public reply until the action is agreed").</summary>
    public IReadOnlyList<string> Instructions { get; init; } = [];

    public string? Platform { get; init; }
    public DateTimeOffset? PostedAt { get; init; }

    /// <summary>"23 Nov 2026 17:05 UTC on x" for a mention alert; null for a notice.</summary>
    public string? Posted => PostedAt is { } at
        ? $"{at.ToUniversalTime().ToString("d MMM yyyy HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)} on {Platform}"
        : null;

    /// <summary>Link to the mention in MentionWatch's web pages.</summary>
    public required string Link { get; init; }

    /// <summary>Signed, expiring acknowledgement link, when configured.</summary>
    public string? AcknowledgeLink { get; init; }

    /// <summary>A short excerpt of the post, only when the team allows it.</summary>
    public string? Excerpt { get; init; }

    /// <summary>Link to the original post on the platform, only when the team allows excerpts.</summary>
    public string? PostUrl { get; init; }
}
