namespace MentionWatch.Foi;

/// <summary>One entry of a case's history: who changed what, when, and why.</summary>
/// <param name="At">When it was recorded.</param>
/// <param name="OccurredAt">When it happened (a clarification's receipt, a response's sending), if different.</param>
/// <param name="Action">What was done: <c>open</c>, or a <see cref="FoiCaseAction"/> in snake_case.</param>
/// <param name="FromState">The state before (null when opened).</param>
/// <param name="ToState">The state after.</param>
/// <param name="DueDate">The due date in force after the change.</param>
public sealed record FoiCaseEvent(
    long Id, DateTimeOffset At, DateTimeOffset OccurredAt, string Actor, string Action,
    FoiCaseState? FromState, FoiCaseState ToState, DateOnly DueDate, string? Reason);
