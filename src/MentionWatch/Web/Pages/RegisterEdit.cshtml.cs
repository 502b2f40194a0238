using MentionWatch.Persistence;
using MentionWatch.Triage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MentionWatch.Web.Pages;

/// <summary>Edits one live entry of the register (a retired entry is history and stays as it was).</summary>
public sealed class RegisterEditModel(MentionWatchDb db, AuditTrail audit, TriageEngines engines) : PageModel
{
    [BindProperty] public RegisterForm Form { get; set; } = new();
    public long AccountId { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var account = await db.OfficialAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.RetiredAt == null, ct);
        if (account is null) return NotFound();
        AccountId = id;
        Form = RegisterForm.From(account);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!Form.IsValid) return BadRequest();
        var account = await db.OfficialAccounts.SingleOrDefaultAsync(a => a.Id == id && a.RetiredAt == null, ct);
        if (account is null) return NotFound();
        Form.ApplyTo(account);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(User, "register.edited", "official_account", id, $"{account.Platform} {account.Handle}", ct);
        engines.Invalidate();
        return Redirect("/register");
    }
}
