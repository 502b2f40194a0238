using MentionWatch.Alerts;
using MentionWatch.Persistence;
using MentionWatch.Time;
using MentionWatch.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MentionWatch.Web.Pages;

/// <summary>
/// Complaints routed to PALS, with their state and the reference PALS gave each in its own case system. Complaints
/// are handled off-line, so the public reply stays on hold until the action is agreed.
/// </summary>
public sealed class PalsModel(MentionWatchDb db, AlertActions actions, TrustTime local) : PageModel
{
    public const string Team = "pals";

    public IReadOnlyList<InboxRow> Rows { get; private set; } = [];
    public IReadOnlyDictionary<long, string?> References { get; private set; } = new Dictionary<long, string?>();
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var visibility = Visibility.For(User);
        Rows = await InboxQuery.ListAsync(db, visibility, new InboxFilter { Team = Team }, local, ct);
        var ids = Rows.Select(r => r.AlertId).ToArray();
        References = await db.Alerts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.PalsReference, ct);
    }

    public async Task<IActionResult> OnPostReferenceAsync(long alertId, string? reference, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reference) || reference.Length > 100) return BadRequest();
        var alert = await db.Alerts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == alertId && a.Team == Team, ct);
        if (alert is null || !Visibility.For(User).CanSee(alert)) return NotFound();
        if (!Visibility.For(User).CanAct(alert)) return new ObjectResult(AlertForms.NotYourTeam(alert)) { StatusCode = StatusCodes.Status403Forbidden };
        await actions.RecordPalsReferenceAsync(alertId, reference, User.Actor(), ct);
        Message = "PALS reference recorded.";
        return RedirectToPage();
    }
}
