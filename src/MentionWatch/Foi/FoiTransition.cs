namespace MentionWatch.Foi;

/// <summary>One requested change to an FOI case: what, who, why, and the details some actions need.</summary>
public sealed record FoiTransition
{
    public required FoiCaseAction Action { get; init; }

    /// <summary>Who did it (a user name, or <c>mentionwatch</c>); recorded in the history and the audit log.</summary>
    public required string Actor { get; init; }

    /// <summary>Why; required to extend and to withdraw.</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// When it really happened, when that was before it was recorded: the clarification's receipt, the response's
    /// sending. Defaults to now. Never in the future.
    /// </summary>
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>For <see cref="FoiCaseAction.Extend"/>: further working days beyond the current due date (1–20).</summary>
    public int? ExtensionWorkingDays { get; init; }
}
