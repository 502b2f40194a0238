using MentionWatch.Foi;
using MentionWatch.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MentionWatch.Web.Pages.Foi;

/// <summary>
/// One FOI case with its history (who, when, why) and a form for each move the law allows from where it stands.
/// Only legal moves are offered; <see cref="FoiCaseService"/> judges every post again, so a forged one is refused
/// with its reason. The person signed in is the actor.
/// </summary>
[Authorize(Roles = FoiAccess.Roles)]
public sealed class FoiCaseModel(FoiCaseService cases, FoiClock clock, AuditTrail audit, TimeProvider time, UkTime ukTime) : PageModel
{
    /// <summary>The form value of each action: its snake_case name, as in the history.</summary>
    private static readonly Dictionary<string, FoiCaseAction> Actions =
        Enum.GetValues<FoiCaseAction>().ToDictionary(FoiCaseRules.ActionText, StringComparer.Ordinal);

    public FoiCaseDetail Detail { get; private set; } = null!;
    public IReadOnlyList<FoiCaseAction> Allowed { get; private set; } = [];

    /// <summary>The due dates an extension may choose, one per number of further working days (1 to the cap).</summary>
    public IReadOnlyList<(int WorkingDays, DateOnly DueDate)> ExtensionChoices { get; private set; } = [];

    /// <summary>Now in UK local time, the latest value the date-time inputs accept.</summary>
    public string Now { get; private set; } = "";

    [TempData] public string? Message { get; set; }
    [TempData] public string? Error { get; set; }

    public static string ActionValue(FoiCaseAction action) => FoiCaseRules.ActionText(action);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var detail = await cases.GetAsync(id, ct);
        if (detail is null) return NotFound();
        await audit.RecordAsync(User, "foi_case.viewed", "foi_case", id, null, ct);
        Detail = detail;
        var c = detail.Status.Case;
        var today = clock.Today(time);
        // FOIA s.17(2): an extension is claimed by the due date, so after it the form would only be refused.
        Allowed = [.. Enum.GetValues<FoiCaseAction>()
            .Where(a => FoiCaseRules.IsAllowed(c.State, a))
            .Where(a => a != FoiCaseAction.Extend || today <= c.DueDate)];
        ExtensionChoices = [.. Enumerable.Range(1, FoiClock.MaxExtensionWorkingDays).Select(n => (n, clock.ExtendDueDate(c.DueDate, n)))];
        Now = ukTime.LocalInput(time.GetUtcNow());
        return Page();
    }

    /// <summary>One handler for every move: the service decides whether it is allowed now, and why not.</summary>
    public async Task<IActionResult> OnPostMoveAsync(
        long id, string? action, string? reason, string? occurredAt, int? extensionWorkingDays, CancellationToken ct)
    {
        if (action is null || !Actions.TryGetValue(action, out var chosen)) return BadRequest();
        if (await cases.GetAsync(id, ct) is null) return NotFound();
        DateTimeOffset? occurred = null;
        if (!string.IsNullOrWhiteSpace(occurredAt))
        {
            if (!ukTime.TryParseLocal(occurredAt, out var at))
            {
                Error = "The date and time were not understood; use the date picker (UK time).";
                return RedirectToPage(new { id });
            }

            occurred = at;
        }
        else if (chosen == FoiCaseAction.ReceiveClarification)
        {
            // The new 20 working days run from the clarification's receipt, so when it arrived must be said.
            Error = "Give the date and time the clarification was received (UK time).";
            return RedirectToPage(new { id });
        }

        try
        {
            var moved = await cases.TransitionAsync(id, new FoiTransition
            {
                Action = chosen,
                Actor = User.Actor(),
                Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
                OccurredAt = occurred,
                ExtensionWorkingDays = extensionWorkingDays,
            }, ct);
            Message = Done(moved, chosen);
        }
        catch (FoiTransitionException e)
        {
            Error = e.Message;
        }

        return RedirectToPage(new { id });
    }

    private static string Done(FoiCase moved, FoiCaseAction action)
    {
        var done = $"Case {moved.Id} is now {FoiDisplay.State(moved.State).ToLowerInvariant()}";
        if (FoiCaseStates.ClockRunning.Contains(moved.State)) return $"{done}: due {FoiDisplay.Date(moved.DueDate)}.";
        if (action == FoiCaseAction.Respond) return moved.RespondedOnTime == true ? $"{done}, on time." : $"{done}, late.";
        return done + ".";
    }
}
