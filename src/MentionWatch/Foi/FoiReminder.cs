using System.Globalization;

namespace MentionWatch.Foi;

/// <summary>
/// One reminder the FOI team should have for a case on a given day, with the subject that makes it unique.
/// </summary>
/// <remarks>
/// Subjects carry the due date they count towards (<c>foi-case:12:5-days:2026-12-21</c>), so a clarification
/// restart or an extension earns a fresh set, and an overdue reminder carries its own day
/// (<c>foi-case:12:overdue:2026-12-23</c>) so there is one per working day late.
/// </remarks>
public sealed record FoiReminder(long CaseId, string Subject, string Headline, IReadOnlyList<string> Details, bool Urgent)
{
    /// <summary>
    /// The reminders due for <paramref name="c"/> on <paramref name="today"/>: "opened" always; on a working day with the
    /// clock running, the one threshold that applies (5 then 2 working days left, due today, or overdue today). A run
    /// that missed a day sends the threshold that applies now, not a stale one.
    /// </summary>
    public static IReadOnlyList<FoiReminder> For(FoiCase c, DateOnly today, FoiClock clock)
    {
        var due = Day(c.DueDate);
        var state = FoiCaseStates.ToText(c.State).Replace('_', ' ');
        var details = new List<string>
        {
            $"Received {Day(c.ReceivedOn)}; the statutory due date (FOIA s.10) is {due}; the case is {state}.",
            "Open the case in MentionWatch to record acknowledgement, clarification, extension or the response.",
        };
        var reminders = new List<FoiReminder>
        {
            new(c.Id, $"foi-case:{c.Id}:opened", $"New FOI case {c.Id}: response due {due}", details, false),
        };
        if (!FoiCaseStates.ClockRunning.Contains(c.State) || !clock.Calendar.IsWorkingDay(today))
        {
            return reminders;
        }

        var left = clock.WorkingDaysLeft(c.DueDate, today);
        var dueKey = Iso(c.DueDate);
        FoiReminder? threshold = null;
        if (FoiClock.IsOverdue(c.DueDate, today))
        {
            threshold = new(c.Id, $"foi-case:{c.Id}:overdue:{Iso(today)}",
                $"FOI case {c.Id} is overdue: {-left} working day{(left == -1 ? "" : "s")} late (was due {due})", details, true);
        }
        else if (left == 0)
        {
            threshold = new(c.Id, $"foi-case:{c.Id}:due:{dueKey}", $"FOI case {c.Id} is due today ({due})", details, true);
        }
        else if (left <= 2)
        {
            threshold = new(c.Id, $"foi-case:{c.Id}:2-days:{dueKey}", $"FOI case {c.Id}: {left} working day{(left == 1 ? "" : "s")} left, due {due}", details, false);
        }
        else if (left <= 5)
        {
            threshold = new(c.Id, $"foi-case:{c.Id}:5-days:{dueKey}", $"FOI case {c.Id}: {left} working days left, due {due}", details, false);
        }

        if (threshold is not null)
        {
            reminders.Add(threshold);
        }

        return reminders;
    }

    private static string Day(DateOnly date) => date.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
