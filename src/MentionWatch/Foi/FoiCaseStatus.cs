namespace MentionWatch.Foi;

/// <summary>A case with where its clock stands today, for the FOI team's list.</summary>
/// <param name="WorkingDaysLeft">Working days after today up to the due date; negative once late; null when the clock is not running.</param>
/// <param name="IsOverdue">Past the due date with no response (the clock running).</param>
public sealed record FoiCaseStatus(FoiCase Case, int? WorkingDaysLeft, bool IsOverdue);
