using System.Globalization;
using MentionWatch.Foi;

namespace MentionWatch.Web.Pages.Foi;

/// <summary>FOI words and dates as the FOI team reads them, and the UK local date-times they type into the forms.</summary>
public static class FoiDisplay
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");
    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

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

    /// <summary>The value of a <c>datetime-local</c> input showing <paramref name="at"/> in UK local time.</summary>
    public static string LocalInput(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, London).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a <c>datetime-local</c> value as UK local time (GMT or BST, whichever was in force). A time that never
    /// happened (the hour skipped when the clocks go forward) is refused; a time that happened twice (the hour
    /// repeated when they go back) is read as the later, GMT one.
    /// </summary>
    public static bool TryParseLocal(string? text, out DateTimeOffset at)
    {
        at = default;
        if (!DateTime.TryParseExact(text?.Trim(), LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || London.IsInvalidTime(local))
        {
            return false;
        }

        at = new DateTimeOffset(local, London.GetUtcOffset(local)).ToUniversalTime();
        return true;
    }
}
