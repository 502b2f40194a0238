namespace MentionWatch.Web.Accounts;

/// <summary>A person who may sign in to the triage pages (table <c>users</c>).</summary>
public sealed class UserAccount
{
    public long Id { get; set; }
    public required string Username { get; set; }
    public required string DisplayName { get; set; }
    public string? Email { get; set; }
    public string[] Roles { get; set; } = [];

    /// <summary>ASP.NET Core <c>PasswordHasher</c> output; null for accounts that sign in only through the SSO proxy.</summary>
    public string? PasswordHash { get; set; }
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Lifts a lockout and forgets the failed attempts that led to it.</summary>
    public void Unlock()
    {
        LockedUntil = null;
        FailedSignIns = 0;
    }
    public bool Disabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }
}
