using MentionWatch.Alerts;
using MentionWatch.Mentions;
using MentionWatch.Persistence;
using MentionWatch.Polling;
using MentionWatch.Triage;
using MentionWatch.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MentionWatch.Web.Pages;

/// <summary>
/// One mention as captured, with its evidence, verdicts, alerts, deliveries, notes and history, and the actions on
/// its alerts. Opening it shows the full text of a post, so every view is audited.
/// </summary>
public sealed class MentionModel(MentionWatchDb db, AlertActions actions, AuditTrail audit, MentionPublisher publisher, TimeProvider time) : PageModel
{
    public const string HumanClassifier = "human";

    /// <summary>Longest post shown (the store keeps up to 100,000 characters): a page stays well under a megabyte.</summary>
    public const int MaxTextShown = 20_000;

    /// <summary>Longest author profile shown: profiles are context, a few hundred characters on every platform.</summary>
    public const int MaxProfileShown = 1_000;

    public MentionDetails Details { get; private set; } = null!;
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var details = await MentionDetails.LoadAsync(db, Visibility.For(User), id, ct);
        if (details is null) return NotFound();
        await audit.RecordAsync(User, "mention.viewed", "mention", id, null, ct);
        Details = details;
        return Page();
    }

    public Task<IActionResult> OnPostAcknowledgeAsync(long id, long alertId, CancellationToken ct) =>
        ActAsync(id, alertId, () => actions.AcknowledgeAsync(alertId, User.Actor(), ct), "Alert acknowledged.", ct);

    public Task<IActionResult> OnPostAgreeAsync(long id, long alertId, CancellationToken ct) =>
        ActAsync(id, alertId, () => actions.AgreeActionAsync(alertId, User.Actor(), ct), "Action agreed: a public reply may now be posted.", ct);

    public Task<IActionResult> OnPostAssignAsync(long id, long alertId, string? assignee, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(assignee)
            ? Task.FromResult<IActionResult>(BadRequest())
            : ActAsync(id, alertId, () => actions.AssignAsync(alertId, assignee, User.Actor(), ct), "Alert assigned.", ct);

    public Task<IActionResult> OnPostCloseAsync(long id, long alertId, CancellationToken ct) =>
        ActAsync(id, alertId, () => actions.CloseAsync(alertId, User.Actor(), ct), "Alert closed.", ct);

    public async Task<IActionResult> OnPostNoteAsync(long id, string? body, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body)) return BadRequest();
        if (!await CanSeeMentionAsync(id, ct)) return NotFound();
        var visible = await Visibility.For(User).Filter(db.Alerts.AsNoTracking()).Where(a => a.MentionId == id).ToListAsync(ct);
        db.MentionNotes.Add(new MentionNote { MentionId = id, Author = User.Actor(), Body = body.Trim(), CreatedAt = time.GetUtcNow(), Teams = MentionDetails.NoteTeams(visible) });
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(User, "mention.note_added", "mention", id, null, ct);
        Message = "Note added.";
        return RedirectToPage(new { id });
    }

    /// <summary>
    /// Records a person's verdict beside the classifier's (the machine verdict is kept) and sends the mention through
    /// routing again, so a label the classifier missed reaches its team (a missed distress post reaches SPA).
    /// </summary>
    public async Task<IActionResult> OnPostReclassifyAsync(long id, string[]? labels, bool urgent, string? reason, CancellationToken ct)
    {
        var chosen = (labels ?? []).Where(l => Labels.All.Contains(l)).Distinct().ToArray();
        if (string.IsNullOrWhiteSpace(reason)) return BadRequest();
        if (!await CanSeeMentionAsync(id, ct)) return NotFound();
        db.Verdicts.Add(new Verdict
        {
            MentionId = id, ClassifierVersion = HumanClassifier, Labels = chosen, Urgent = urgent, Reasons = [reason.Trim()],
            DecidedBy = User.Actor(), CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(User, "mention.reclassified", "mention", id, $"labels {string.Join(",", chosen)}; urgent {urgent}", ct);
        await publisher.RepublishAsync(id, ct);
        Message = "Your classification is recorded; the teams it names are alerted.";
        return RedirectToPage(new { id });
    }

    /// <summary>
    /// Puts a mention on legal hold (kept past the retention period, e.g. evidence of abuse of staff) or lifts it.
    /// Admin and comms only: comms keeps the evidence of attacks on staff.
    /// </summary>
    public async Task<IActionResult> OnPostLegalHoldAsync(long id, bool hold, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Admin) && !User.IsInRole(Roles.Comms)) return Forbid();
        if (!await CanSeeMentionAsync(id, ct)) return NotFound();
        await db.Mentions.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.LegalHold, hold), ct);
        await audit.RecordAsync(User, hold ? "mention.legal_hold_set" : "mention.legal_hold_lifted", "mention", id, null, ct);
        Message = hold ? "Legal hold set: this mention is kept beyond the retention period." : "Legal hold lifted.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> CanSeeMentionAsync(long id, CancellationToken ct)
    {
        var visibility = Visibility.For(User);
        return visibility.All
            ? await db.Mentions.AnyAsync(m => m.Id == id, ct)
            : await visibility.Filter(db.Alerts).AnyAsync(a => a.MentionId == id, ct);
    }

    private async Task<IActionResult> ActAsync(long id, long alertId, Func<Task<AlertActionOutcome>> act, string done, CancellationToken ct)
    {
        var (message, refused) = await AlertForms.ActAsync(db, User, alertId, a => a.MentionId == id, act, done, ct);
        Message = message;
        if (message is null) return NotFound();
        // Refused: 403, with the reason on the page it came from.
        return refused ? new ObjectResult(message) { StatusCode = StatusCodes.Status403Forbidden } : RedirectToPage(new { id });
    }
}
