namespace MentionWatch.Foi;

/// <summary>One FOI request the trust must answer, with its statutory clock as it stands.</summary>
public sealed record FoiCase
{
    public required long Id { get; init; }

    /// <summary>The post it came from; null for a request opened by hand (or once retention deleted the post).</summary>
    public long? MentionId { get; init; }

    /// <summary>When the request was received: the post's <c>posted_at</c>, never when MentionWatch first saw it.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The Europe/London date of <see cref="ReceivedAt"/>.</summary>
    public required DateOnly ReceivedOn { get; init; }

    /// <summary>The date of receipt the current 20 working days count from: <see cref="ReceivedOn"/>, or the clarification's.</summary>
    public required DateOnly ClockStartedOn { get; init; }

    /// <summary>The statutory due date now in force (after any clarification restart or extension).</summary>
    public required DateOnly DueDate { get; init; }

    /// <summary>The due date first computed at receipt, kept for reporting.</summary>
    public required DateOnly OriginalDueDate { get; init; }

    public required FoiCaseState State { get; init; }

    /// <summary>Who asked: given by hand, or the post's author handle.</summary>
    public string? Requester { get; init; }

    /// <summary>What was asked, in the FOI team's words (cases opened by hand).</summary>
    public string? Summary { get; init; }

    /// <summary>When the trust asked for clarification (the clock stopped), while it waits.</summary>
    public DateTimeOffset? ClarificationRequestedAt { get; init; }

    /// <summary>Further working days granted for a public-interest test; null when not extended.</summary>
    public int? ExtensionWorkingDays { get; init; }

    public string? ExtensionReason { get; init; }

    public DateTimeOffset? RespondedAt { get; init; }

    /// <summary>The Europe/London date of <see cref="RespondedAt"/>.</summary>
    public DateOnly? RespondedOn { get; init; }

    /// <summary>Whether the response went on or before <see cref="DueDate"/>.</summary>
    public bool? RespondedOnTime { get; init; }

    /// <summary>Working days after <see cref="ClockStartedOn"/> up to and including <see cref="RespondedOn"/>.</summary>
    public int? WorkingDaysToRespond { get; init; }

    public required string OpenedBy { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
