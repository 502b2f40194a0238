namespace MentionWatch.Alerts;

/// <summary>The kinds of alert. A mention alert is about one post; every other kind is a notice about a subject.</summary>
public static class AlertKinds
{
    public const string Mention = "mention";
    public const string FoiReminder = "foi_reminder";
    public const string SourceSilent = "source_silent";
    public const string Spike = "spike";
    public const string Escalation = "escalation";
    public const string Digest = "digest";
    public const string SlaBreach = "sla_breach";
    public const string StoryUpdate = "story_update";
}

/// <summary>
/// A notice for a team that is not one mention: an FOI reminder, a source that went silent, a spike. It is
/// raised once per (<see cref="Subject"/>, <see cref="Team"/>) however often the job that raises it runs, then
/// travels the alert path: deliveries with idempotency keys, acknowledgement, audit.
/// </summary>
public sealed record Notice
{
    public required string Team { get; init; }

    /// <summary>One of <see cref="AlertKinds"/>, other than <see cref="AlertKinds.Mention"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>What the notice is about, stable across runs: <c>foi-case:12:due</c>, <c>source:x-main:silent:2026-11-23T17:00</c>.</summary>
    public required string Subject { get; init; }

    /// <summary>One line for a subject or SMS, without personal data.</summary>
    public required string Headline { get; init; }

    /// <summary>What happened and what to do, in plain words.</summary>
    public IReadOnlyList<string> Details { get; init; } = [];

    /// <summary>Path of the page in MentionWatch, relative to the public base address (e.g. <c>foi/cases/12</c>).</summary>
    public string? Link { get; init; }

    public bool Urgent { get; init; }

    /// <summary>The mention it concerns, when there is one (an FOI case opened from a post).</summary>
    public long? MentionId { get; init; }

    /// <summary>For a story's update: how many copies the story counted when it was raised.</summary>
    public int? StoryCopies { get; init; }
}
