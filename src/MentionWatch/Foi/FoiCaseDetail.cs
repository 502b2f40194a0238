namespace MentionWatch.Foi;

/// <summary>One case, where its clock stands, and its full history, oldest first.</summary>
public sealed record FoiCaseDetail(FoiCaseStatus Status, IReadOnlyList<FoiCaseEvent> History);
