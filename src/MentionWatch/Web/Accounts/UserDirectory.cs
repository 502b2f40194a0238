using System.Security.Cryptography;
using System.Text;
using MentionWatch.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

// CA1862: string.Equals(..., OrdinalIgnoreCase) does not translate to SQL; ToLower() becomes lower(), which does.
#pragma warning disable CA1862

namespace MentionWatch.Web.Accounts;

/// <summary>
/// Local accounts: creating them, checking passwords (ASP.NET Core <see cref="PasswordHasher{TUser}"/>) with a
/// lockout after repeated failures, and API tokens. Sign-in attempts and their outcomes are audited.
/// </summary>
public sealed class UserDirectory(MentionWatchDb db, TimeProvider time, IOptions<WebOptions> options)
{
    private static readonly PasswordHasher<UserAccount> Hasher = new();

    // Checked against when the username is unknown, so a wrong name takes as long as a wrong password.
    private static readonly UserAccount Nobody = new() { Username = "", DisplayName = "" };
    private static readonly string NobodyHash = Hasher.HashPassword(Nobody, Guid.NewGuid().ToString());

    public async Task<UserAccount> AddAsync(string username, string displayName, string? email, IReadOnlyList<string> roles, string? password, string actor, CancellationToken ct)
    {
        var unknown = roles.Where(r => !Roles.IsKnown(r)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Unknown role(s): {string.Join(", ", unknown)}. Roles: {string.Join(", ", Roles.All)}.", nameof(roles));
        if (roles.Count == 0) throw new ArgumentException("Give at least one role.", nameof(roles));
        var user = new UserAccount
        {
            Username = username.Trim(), DisplayName = displayName.Trim(), Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            Roles = roles.Distinct(StringComparer.Ordinal).ToArray(), CreatedAt = time.GetUtcNow(),
        };
        if (!string.IsNullOrEmpty(password)) user.PasswordHash = Hasher.HashPassword(user, password);
        db.Users.Add(user);
        Audit(actor, "user.added", user.Username, $"roles {string.Join(",", user.Roles)}");
        await db.SaveChangesAsync(ct);
        return user;
    }

    public async Task SetPasswordAsync(UserAccount user, string password, string actor, CancellationToken ct)
    {
        user.PasswordHash = Hasher.HashPassword(user, password);
        user.FailedSignIns = 0;
        user.LockedUntil = null;
        Audit(actor, "user.password_set", user.Username, null);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Lifts a lockout and clears the failure count; audited.</summary>
    public async Task UnlockAsync(UserAccount user, string actor, CancellationToken ct)
    {
        user.Unlock();
        Audit(actor, "user.unlocked", user.Username, null);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Checks a password; the account is locked for <see cref="WebOptions.LockoutPeriod"/> after too many failures.</summary>
    /// <returns>The user when the password is right and the account usable; otherwise null (the reason is audited, not shown).</returns>
    public async Task<UserAccount?> CheckPasswordAsync(string username, string password, CancellationToken ct)
    {
        var name = username.Trim().ToLowerInvariant();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Username.ToLower() == name, ct);
        var now = time.GetUtcNow();
        if (user is null || user.PasswordHash is null)
        {
            Hasher.VerifyHashedPassword(Nobody, NobodyHash, password);
            // Never what was typed: a password typed into the name box would be in the audit log. The digest lets an
            // investigator match repeated attempts at one name.
            var digest = Hash(name)[..12];
            Audit("anonymous", "signin.failed", $"unknown:{digest}", $"unknown user or no password (name digest {digest})");
            await db.SaveChangesAsync(ct);
            return null;
        }

        if (user.Disabled || user.LockedUntil > now)
        {
            Audit(user.Username, "signin.refused", user.Username, user.Disabled ? "disabled" : "locked");
            await db.SaveChangesAsync(ct);
            return null;
        }

        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            // One statement, so that wrong passwords sent at once all count (read, add one, write back lost some), and
            // it says whether it was the one that locked the account (its count went back to zero), so that attempts
            // at once audit one lock, not every attempt that read the row after it.
            var max = options.Value.MaxFailedSignIns;
            var until = now + options.Value.LockoutPeriod;
            var lockedNow = (await db.Database.SqlQuery<bool>(
                $"""
                update users set locked_until = case when failed_sign_ins + 1 >= {max} then {until} else locked_until end,
                                 failed_sign_ins = case when failed_sign_ins + 1 >= {max} then 0 else failed_sign_ins + 1 end
                where id = {user.Id}
                returning failed_sign_ins = 0 as "Value"
                """).ToListAsync(ct)).Single();
            Audit(user.Username, lockedNow ? "user.locked" : "signin.failed", user.Username, lockedNow ? $"after {max} failed sign-ins" : "wrong password");
            await db.SaveChangesAsync(ct);
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded) user.PasswordHash = Hasher.HashPassword(user, password);
        user.FailedSignIns = 0;
        user.LockedUntil = null;
        user.LastSignInAt = now;
        Audit(user.Username, "signin", user.Username, "password");
        await db.SaveChangesAsync(ct);
        return user;
    }

    /// <summary>
    /// The account of someone the OpenID Connect issuer signed in, with the roles their token maps to: made on their
    /// first sign-in (username and e-mail their address), its roles replaced when the token's differ, both audited.
    /// Null, and nothing changed, when the token maps to no role or the account is disabled.
    /// </summary>
    public async Task<UserAccount?> FromSingleSignOnAsync(string email, string displayName, string[] roles, CancellationToken ct)
    {
        var address = email.Trim().ToLowerInvariant();
        var user = await db.Users.SingleOrDefaultAsync(u => (u.Email != null && u.Email.ToLower() == address) || u.Username.ToLower() == address, ct);
        if (roles.Length == 0 || user is { Disabled: true })
        {
            Audit("sso", "user.sso_refused", user?.Username ?? address, roles.Length == 0 ? "no mapped app role in the token" : "account disabled");
            await db.SaveChangesAsync(ct);
            return null;
        }

        if (user is null) return await AddAsync(address, displayName, address, roles, password: null, "sso", ct);
        if (!user.Roles.Order(StringComparer.Ordinal).SequenceEqual(roles, StringComparer.Ordinal))
        {
            Audit("sso", "user.roles_changed", user.Username, $"roles {string.Join(",", user.Roles)} -> {string.Join(",", roles)} (from the ID token's app roles)");
            user.Roles = roles;
        }

        user.LastSignInAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return user;
    }

    /// <summary>The usable account for an e-mail address vouched for by the SSO proxy.</summary>
    public Task<UserAccount?> FindByEmailAsync(string email, CancellationToken ct)
    {
        var value = email.Trim().ToLowerInvariant();
        return db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email != null && u.Email.ToLower() == value && !u.Disabled, ct);
    }

    /// <summary>Longest life of an API token: a forgotten token stops working within the year.</summary>
    public static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromDays(365);

    /// <summary>Creates an API token for a user and returns it; only its hash is kept, so it is shown once.</summary>
    public async Task<string> CreateTokenAsync(UserAccount user, string name, TimeSpan lifetime, string actor, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lifetime, MaxTokenLifetime);
        var token = "mw_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = name, TokenSha256 = Hash(token), CreatedAt = now, ExpiresAt = now + lifetime });
        Audit(actor, "token.created", user.Username, $"{name}, expires {UkTime.Format(now + lifetime)}");
        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>Revokes a user's live tokens of that name; returns how many.</summary>
    public async Task<int> RevokeTokensAsync(UserAccount user, string name, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var revoked = await db.ApiTokens.Where(t => t.UserId == user.Id && t.Name == name && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        if (revoked > 0)
        {
            Audit(actor, "token.revoked", user.Username, name);
            await db.SaveChangesAsync(ct);
        }

        return revoked;
    }

    /// <summary>The usable account a bearer token belongs to: not revoked, not expired, its user not disabled. Notes the use.</summary>
    public async Task<UserAccount?> FindByTokenAsync(string token, CancellationToken ct)
    {
        var hash = Hash(token);
        var now = time.GetUtcNow();
        var userId = await db.ApiTokens.AsNoTracking().Where(t => t.TokenSha256 == hash && t.RevokedAt == null && t.ExpiresAt > now)
            .Select(t => (long?)t.UserId).SingleOrDefaultAsync(ct);
        if (userId is null) return null;
        // At most once a minute per token: a busy integration does not write a row per call.
        await db.ApiTokens.Where(t => t.TokenSha256 == hash && (t.LastUsedAt == null || t.LastUsedAt < now.AddMinutes(-1)))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId && !u.Disabled, ct);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private void Audit(string actor, string action, string username, string? detail) =>
        db.AuditLog.Add(new AuditEntry { At = time.GetUtcNow(), Actor = actor, Action = action, EntityType = "user", EntityId = username, Detail = detail });
}
