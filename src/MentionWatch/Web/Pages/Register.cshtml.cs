using MentionWatch.Persistence;
using MentionWatch.Triage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MentionWatch.Web.Pages;

/// <summary>
/// The register of the trust's official accounts (policies 002 §5, 004 §2.3.1): platform, handle, owner,
/// administrators and last quarterly review. Live entries tell the fake-account detector which accounts are real.
/// </summary>
public sealed class RegisterModel(MentionWatchDb db, AuditTrail audit, TimeProvider time, TriageEngines engines) : PageModel
{
    public IReadOnlyList<RegisteredAccount> Accounts { get; private set; } = [];
    public DateOnly ReviewDueBefore { get; private set; }
    [BindProperty] public RegisterForm Form { get; set; } = new();
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        ReviewDueBefore = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddMonths(-3);
        Accounts = await db.OfficialAccounts.AsNoTracking().OrderBy(a => a.RetiredAt != null).ThenBy(a => a.Platform).ThenBy(a => a.Handle).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (!Form.IsValid) return BadRequest();
        var account = new RegisteredAccount { Platform = "", Handle = "", Owner = "", CreatedAt = time.GetUtcNow() };
        Form.ApplyTo(account);
        db.OfficialAccounts.Add(account);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            Message = "That account is already in the register.";
            return RedirectToPage();
        }

        await audit.RecordAsync(User, "register.added", "official_account", account.Id, $"{account.Platform} {account.Handle}", ct);
        engines.Invalidate();
        Message = "Account added to the register.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRetireAsync(long accountId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var retired = await db.OfficialAccounts.Where(a => a.Id == accountId && a.RetiredAt == null).ExecuteUpdateAsync(s => s.SetProperty(a => a.RetiredAt, now), ct);
        if (retired == 0) return NotFound();
        await audit.RecordAsync(User, "register.retired", "official_account", accountId, null, ct);
        engines.Invalidate();
        Message = "Account retired.";
        return RedirectToPage();
    }
}
