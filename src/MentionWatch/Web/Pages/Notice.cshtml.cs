using System.Globalization;
using MentionWatch.Alerts;
using MentionWatch.Persistence;
using MentionWatch.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MentionWatch.Web.Pages;

/// <summary>
/// A notice (an FOI reminder, a silent source, a spike, an escalation): its headline, details and deliveries, and
/// the actions on it. A mention alert has the mention page instead, so this page sends it there.
/// </summary>
public sealed class NoticeModel(MentionWatchDb db, AlertActions actions) : PageModel
{
    public Alert Alert { get; private set; } = null!;
    public IReadOnlyList<Delivery> Deliveries { get; private set; } = [];
    public IReadOnlyList<Persistence.AuditEntry> History { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    /// <summary>The notice's link inside MentionWatch, when it is a safe relative path.</summary>
    public string? Href => Alert.Link is { Length: > 0 } link && Uri.IsWellFormedUriString(link, UriKind.Relative) && !link.StartsWith("//", StringComparison.Ordinal)
        ? "/" + link.TrimStart('/')
        : null;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var alert = await db.Alerts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null || !Visibility.For(User).CanSee(alert)) return NotFound();
        if (alert.Kind == AlertKinds.Mention && alert.MentionId is { } mentionId) return Redirect($"/mentions/{mentionId}");
        Alert = alert;
        Deliveries = await db.Deliveries.AsNoTracking().Where(d => d.AlertId == id).OrderBy(d => d.CreatedAt).ToListAsync(ct);
        var key = id.ToString(CultureInfo.InvariantCulture);
        History = await db.AuditLog.AsNoTracking().Where(e => e.EntityType == "alert" && e.EntityId == key).OrderBy(e => e.Id).ToListAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostAcknowledgeAsync(long id, CancellationToken ct) =>
        ActAsync(id, () => actions.AcknowledgeAsync(id, User.Actor(), ct), "Notice acknowledged.", ct);

    public Task<IActionResult> OnPostAssignAsync(long id, string? assignee, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(assignee)
            ? Task.FromResult<IActionResult>(BadRequest())
            : ActAsync(id, () => actions.AssignAsync(id, assignee, User.Actor(), ct), "Notice assigned.", ct);

    public Task<IActionResult> OnPostCloseAsync(long id, CancellationToken ct) =>
        ActAsync(id, () => actions.CloseAsync(id, User.Actor(), ct), "Notice closed.", ct);

    private async Task<IActionResult> ActAsync(long id, Func<Task<AlertActionOutcome>> act, string done, CancellationToken ct)
    {
        var (message, refused) = await AlertForms.ActAsync(db, User, id, a => a.Kind != AlertKinds.Mention, act, done, ct);
        Message = message;
        if (message is null) return NotFound();
        // Refused: 403, with the reason on the page it came from.
        return refused ? new ObjectResult(message) { StatusCode = StatusCodes.Status403Forbidden } : RedirectToPage(new { id });
    }
}
