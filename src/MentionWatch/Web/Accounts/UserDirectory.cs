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
public sealed class UserDirectory(MentionWatchDb db, TimeProvider time, IOptions<WebOptions> options, UkTime ukTime)
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
        user.Unlock();
        await ForgetFailuresAsync(user, client: null, ct);
        Audit(actor, "user.password_set", user.Username, null);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Lifts every lockout of the account (for all clients) and forgets the failed attempts; audited.</summary>
    public async Task UnlockAsync(UserAccount user, string actor, CancellationToken ct)
    {
        user.Unlock();
        await ForgetFailuresAsync(user, client: null, ct);
        Audit(actor, "user.unlocked", user.Username, null);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Checks a password sent from <paramref name="client"/> (an address). After <see cref="WebOptions.MaxFailedSignIns"/>
    /// wrong passwords from one client, that client may not sign in to the account for
    /// <see cref="WebOptions.LockoutPeriod"/>; the account's owner, elsewhere, still can. After
    /// <see cref="WebOptions.MaxFailedSignInsPerAccount"/> from all clients together the account is locked for everyone.
    /// </summary>
    /// <returns>The user when the password is right and the account usable; otherwise null (the reason is audited, not shown).</returns>
    public async Task<UserAccount?> CheckPasswordAsync(string username, string password, string client, CancellationToken ct)
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
            Audit("anonymous", "signin.failed", $"unknown:{digest}", $"unknown user or no password (name digest {digest}) from {client}");
            await db.SaveChangesAsync(ct);
            return null;
        }

        var refusal = user.Disabled ? "disabled"
            : user.LockedUntil > now ? "locked"
            : await ClientLockedOutAsync(user, client, now, ct) ? $"locked for {client}"
            : null;
        if (refusal is not null)
        {
            Audit(user.Username, "signin.refused", user.Username, refusal);
            await db.SaveChangesAsync(ct);
            return null;
        }

        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            var (clientLocked, accountLocked) = await CountFailureAsync(user, client, now, ct);
            var limits = options.Value;
            Audit(user.Username, "signin.failed", user.Username, $"wrong password from {client}");
            if (clientLocked) Audit(user.Username, "user.locked", user.Username, $"for {client} after {limits.MaxFailedSignIns} failed sign-ins from it");
            if (accountLocked) Audit(user.Username, "user.locked", user.Username, $"for everyone after {limits.MaxFailedSignInsPerAccount} failed sign-ins from all clients");
            await db.SaveChangesAsync(ct);
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded) user.PasswordHash = Hasher.HashPassword(user, password);
        user.Unlock();
        user.LastSignInAt = now;
        await ForgetFailuresAsync(user, client, ct);
        Audit(user.Username, "signin", user.Username, "password");
        await db.SaveChangesAsync(ct);
        return user;
    }

    /// <summary>For each account with any, how many clients are locked out of it now.</summary>
    public async Task<IReadOnlyDictionary<long, int>> LockedClientsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var rows = await db.Database.SqlQuery<LockedClientCount>(
            $"""select user_id as "UserId", count(*)::int as "Clients" from sign_in_failures where locked_until > {now} group by user_id""").ToListAsync(ct);
        return rows.ToDictionary(r => r.UserId, r => r.Clients);
    }

    private async Task<bool> ClientLockedOutAsync(UserAccount user, string client, DateTimeOffset now, CancellationToken ct) =>
        await db.Database.SqlQuery<bool>(
            $"""select exists (select 1 from sign_in_failures where user_id = {user.Id} and client = {client} and locked_until > {now}) as "Value" """)
            .SingleAsync(ct);

    /// <summary>
    /// Counts a wrong password against the client and against the account, in one statement so that wrong passwords
    /// sent at once all count (read, add one, write back lost some). It says whether this attempt was the one that locked
    /// (the count reached the limit exactly), so that attempts at once audit one lock, not one per attempt. A client's
    /// count starts again once its last failure is older than the lockout period; stale rows of other clients, which
    /// lock nothing, are deleted on the way.
    /// </summary>
    private async Task<(bool Client, bool Account)> CountFailureAsync(UserAccount user, string client, DateTimeOffset now, CancellationToken ct)
    {
        var o = options.Value;
        var until = now + o.LockoutPeriod;
        var stale = now - o.LockoutPeriod;
        DateTimeOffset? lockAtFirst = o.MaxFailedSignIns <= 1 ? until : null;
        var outcome = await db.Database.SqlQuery<LockOutcome>(
            $"""
            with by_client as (
                insert into sign_in_failures as f (user_id, client, failures, last_failed_at, locked_until)
                values ({user.Id}, {client}, 1, {now}, {lockAtFirst})
                on conflict (user_id, client) do update set
                    failures = case when f.last_failed_at <= {stale} then 1 else f.failures + 1 end,
                    locked_until = case when (case when f.last_failed_at <= {stale} then 1 else f.failures + 1 end) >= {o.MaxFailedSignIns}
                                        then {until} else f.locked_until end,
                    last_failed_at = {now}
                returning failures = {o.MaxFailedSignIns} as locked
            ), by_account as (
                update users set locked_until = case when failed_sign_ins + 1 >= {o.MaxFailedSignInsPerAccount} then {until} else locked_until end,
                                 failed_sign_ins = case when failed_sign_ins + 1 >= {o.MaxFailedSignInsPerAccount} then 0 else failed_sign_ins + 1 end
                where id = {user.Id}
                returning failed_sign_ins = 0 as locked
            ), forgotten as (
                delete from sign_in_failures
                where last_failed_at <= {stale} and (locked_until is null or locked_until <= {now}) and not (user_id = {user.Id} and client = {client})
            )
            select by_client.locked as "Client", by_account.locked as "Account" from by_client, by_account
            """).ToListAsync(ct);
        return (outcome.Single().Client, outcome.Single().Account);
    }

    /// <summary>Forgets the failures counted against <paramref name="client"/>, or against every client when it is null.</summary>
    private async Task ForgetFailuresAsync(UserAccount user, string? client, CancellationToken ct)
    {
        if (client is null) await db.Database.ExecuteSqlAsync($"delete from sign_in_failures where user_id = {user.Id}", ct);
        else await db.Database.ExecuteSqlAsync($"delete from sign_in_failures where user_id = {user.Id} and client = {client}", ct);
    }

    private sealed record LockOutcome(bool Client, bool Account);

    private sealed record LockedClientCount(long UserId, int Clients);

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
        Audit(actor, "token.created", user.Username, $"{name}, expires {ukTime.Format(now + lifetime)}");
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
