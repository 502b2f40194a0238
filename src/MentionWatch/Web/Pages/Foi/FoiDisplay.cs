using System.Globalization;
using MentionWatch.Foi;

namespace MentionWatch.Web.Pages.Foi;

/// <summary>FOI words and dates as the FOI team reads them (the date-times they type: <see cref="UkTime"/>).</summary>
public static class FoiDisplay
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static string State(FoiCaseState state) => state switch
    {
        FoiCaseState.Open => "Open",
        FoiCaseState.Acknowledged => "Acknowledged",
        FoiCaseState.ClarificationRequested => "Clarification requested",
        FoiCaseState.Extended => "Extended",
        FoiCaseState.Responded => "Responded",
        FoiCaseState.Closed => "Closed",
        FoiCaseState.Withdrawn => "Withdrawn",
        _ => state.ToString(),
    };

    public static string Date(DateOnly date) => date.ToString("ddd d MMM yyyy", British);

    public static string Number(double value) => value.ToString("0.#", British);

    /// <summary>Where the clock stands, in words; never colour alone.</summary>
    public static string Clock(FoiCaseStatus status) => status switch
    {
        { IsOverdue: true, WorkingDaysLeft: < 0 and var late } => $"Overdue by {-late} working day{(late == -1 ? "" : "s")}",
        // Due on a Friday and today is the Saturday: late, though no working day has passed since.
        { IsOverdue: true } => "Overdue: the due date has passed",
        { WorkingDaysLeft: 0 } => "Due today",
        { WorkingDaysLeft: { } left } => $"{left} working day{(left == 1 ? "" : "s")} left",
        { Case.State: FoiCaseState.ClarificationRequested } => "Clock stopped: awaiting clarification",
        _ => "Finished",
    };
}
