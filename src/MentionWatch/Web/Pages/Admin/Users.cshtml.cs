using MentionWatch.Persistence;
using MentionWatch.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MentionWatch.Web.Pages.Admin;

/// <summary>Accounts: add, change roles, disable or enable, unlock. Every change is audited.</summary>
public sealed class UsersModel(MentionWatchDb db, UserDirectory directory, AuditTrail audit) : PageModel
{
    public IReadOnlyList<UserAccount> Users { get; private set; } = [];

    /// <summary>API tokens not revoked, with their user, expiry and last use (issued and revoked with <c>mentionwatch users token / revoke-token</c>).</summary>
    public IReadOnlyList<(string Username, ApiToken Token)> Tokens { get; private set; } = [];

    /// <summary>For each account, how many clients (addresses) are locked out of it now after wrong passwords.</summary>
    public IReadOnlyDictionary<long, int> LockedClients { get; private set; } = new Dictionary<long, int>();

    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Users = await db.Users.AsNoTracking().OrderBy(u => u.Username).ToListAsync(ct);
        LockedClients = await directory.LockedClientsAsync(ct);
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.RevokedAt == null).OrderBy(t => t.ExpiresAt).ToListAsync(ct);
        var names = Users.ToDictionary(u => u.Id, u => u.Username);
        Tokens = tokens.Select(t => (names.GetValueOrDefault(t.UserId, "?"), t)).ToList();
    }

    public async Task<IActionResult> OnPostAddAsync(string? username, string? displayName, string? email, string[]? roles, string? password, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(username) || roles is not { Length: > 0 } || !roles.All(Roles.IsKnown)) return BadRequest();
        if (!string.IsNullOrEmpty(password) && password.Length < 12)
        {
            Message = "A password needs at least 12 characters (or none, for accounts that sign in through SSO).";
            return RedirectToPage();
        }

        try
        {
            await directory.AddAsync(username, string.IsNullOrWhiteSpace(displayName) ? username : displayName, email, roles, password, User.Actor(), ct);
            Message = $"User {username} added.";
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            Message = "A user with that username or e-mail already exists.";
        }

        return RedirectToPage();
    }

    public Task<IActionResult> OnPostRolesAsync(long userId, string[]? roles, CancellationToken ct) =>
        roles is not { Length: > 0 } || !roles.All(Roles.IsKnown)
            ? Task.FromResult<IActionResult>(BadRequest())
            : ChangeAsync(userId, u => u.Roles = roles.Distinct().ToArray(), "user.roles_changed", string.Join(",", roles), ct);

    public Task<IActionResult> OnPostDisableAsync(long userId, CancellationToken ct) =>
        userId.ToString(System.Globalization.CultureInfo.InvariantCulture) == User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value
            ? Task.FromResult<IActionResult>(BadRequest())
            : ChangeAsync(userId, u => u.Disabled = true, "user.disabled", null, ct);

    public Task<IActionResult> OnPostEnableAsync(long userId, CancellationToken ct) =>
        ChangeAsync(userId, u => u.Disabled = false, "user.enabled", null, ct);

    public async Task<IActionResult> OnPostUnlockAsync(long userId, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return NotFound();
        await directory.UnlockAsync(user, User.Actor(), ct);
        Message = $"User {user.Username} unlocked.";
        return RedirectToPage();
    }

    private async Task<IActionResult> ChangeAsync(long userId, Action<UserAccount> change, string action, string? detail, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return NotFound();
        change(user);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(User, action, "user", user.Username, detail, ct);
        Message = $"User {user.Username} updated.";
        return RedirectToPage();
    }
}
