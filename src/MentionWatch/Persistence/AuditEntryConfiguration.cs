using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MentionWatch.Persistence;

/// <summary>Maps <see cref="AuditEntry"/> onto the <c>audit_log</c> table.</summary>
public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(a => a.At).HasColumnName("at");
        builder.Property(a => a.Actor).HasColumnName("actor");
        builder.Property(a => a.Action).HasColumnName("action");
        builder.Property(a => a.EntityType).HasColumnName("entity_type");
        builder.Property(a => a.EntityId).HasColumnName("entity_id");
        builder.Property(a => a.Detail).HasColumnName("detail");
    }
}
