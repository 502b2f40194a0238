namespace MentionWatch.Foi;

/// <summary>
/// The figures the FOI team reports (and the ICO monitors) for requests received in a date range.
/// </summary>
/// <remarks>
/// The timeliness rule follows the ICO's monitoring: a request is answered in time when the response went on or
/// before its statutory due date — 20 working days after receipt, restarted from the clarification's receipt when
/// the trust asked for one (FOIA s.1(3)), and moved by a public-interest extension of at most 20 further working
/// days claimed before the deadline (s.10(3)). The percentage is taken over requests whose outcome is known:
/// those answered plus those unanswered past their due date. Withdrawn requests and those still within time (or
/// awaiting clarification) are left out. Working days to respond count from the date the clock last started.
/// </remarks>
public sealed record FoiFigures
{
    public required DateOnly From { get; init; }

    public required DateOnly To { get; init; }

    /// <summary>Requests received in the range, every state.</summary>
    public required int Received { get; init; }

    /// <summary>Requests answered (responded or closed).</summary>
    public required int Answered { get; init; }

    /// <summary>Answered on or before the due date in force.</summary>
    public required int AnsweredInTime { get; init; }

    /// <summary>Answered in time without an extension: within 20 working days of the clock's start.</summary>
    public required int AnsweredWithinTwentyWorkingDays { get; init; }

    /// <summary>Not answered and past the due date today.</summary>
    public required int OverdueNow { get; init; }

    public required int Withdrawn { get; init; }

    /// <summary>Answered in time as a percentage of answered plus overdue; null when there are none.</summary>
    public double? PercentInTime { get; init; }

    /// <summary>The median of working days to respond over the answered requests; null when none were answered.</summary>
    public double? MedianWorkingDaysToRespond { get; init; }

    /// <summary>Computes the figures from the cases received in the range, as they stand on <paramref name="today"/>.</summary>
    public static FoiFigures Compute(DateOnly from, DateOnly to, IReadOnlyCollection<FoiCase> cases, DateOnly today)
    {
        var answered = cases.Where(c => c.RespondedOn is not null).ToList();
        var inTime = answered.Count(c => c.RespondedOnTime == true);
        var overdue = cases.Count(c => FoiCaseStates.ClockRunning.Contains(c.State) && FoiClock.IsOverdue(c.DueDate, today));
        var judged = answered.Count + overdue;
        var days = answered.Select(c => c.WorkingDaysToRespond ?? 0).Order().ToList();
        return new FoiFigures
        {
            From = from,
            To = to,
            Received = cases.Count,
            Answered = answered.Count,
            AnsweredInTime = inTime,
            AnsweredWithinTwentyWorkingDays = answered.Count(c => c.WorkingDaysToRespond <= FoiClock.ResponseWorkingDays),
            OverdueNow = overdue,
            Withdrawn = cases.Count(c => c.State == FoiCaseState.Withdrawn),
            PercentInTime = judged == 0 ? null : Math.Round(100.0 * inTime / judged, 1),
            MedianWorkingDaysToRespond = days.Count == 0 ? null
                : days.Count % 2 == 1 ? days[days.Count / 2] : (days[(days.Count / 2) - 1] + days[days.Count / 2]) / 2.0,
        };
    }
}
