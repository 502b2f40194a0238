using MentionWatch.Alerts;
using MentionWatch.Mentions;
using MentionWatch.Polling;
using MentionWatch.Triage;
using MentionWatch.Web.Accounts;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MentionWatch.Persistence;

/// <summary>EF Core view of the tables created by the SQL migrations; the schema itself is owned by <see cref="Migrator"/>.</summary>
public sealed class MentionWatchDb(DbContextOptions<MentionWatchDb> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<SourceState> Sources => Set<SourceState>();

    public DbSet<Mention> Mentions => Set<Mention>();

    public DbSet<Verdict> Verdicts => Set<Verdict>();

    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<Delivery> Deliveries => Set<Delivery>();

    public DbSet<QuarantineEntry> Quarantine => Set<QuarantineEntry>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<MentionNote> MentionNotes => Set<MentionNote>();

    public DbSet<RegisteredAccount> OfficialAccounts => Set<RegisteredAccount>();

    public DbSet<UserAccount> Users => Set<UserAccount>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    /// <summary>The keys that protect sign-in and antiforgery cookies, shared by every replica.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MentionWatchDb).Assembly);
}
