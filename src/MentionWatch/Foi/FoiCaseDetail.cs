namespace MentionWatch.Foi;

/// <summary>
/// One case, where its clock stands, and its full history, oldest first; with the cases of the same request posted by
/// other people (<see cref="Related"/>: each its own request and clock, best answered together) and how many times its
/// post was shared or posted again (<see cref="Shares"/>: no new request).
/// </summary>
public sealed record FoiCaseDetail(FoiCaseStatus Status, IReadOnlyList<FoiCaseEvent> History, IReadOnlyList<long> Related, int Shares);
