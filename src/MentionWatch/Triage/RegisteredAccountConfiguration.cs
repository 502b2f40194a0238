using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MentionWatch.Triage;

/// <summary>Maps <see cref="RegisteredAccount"/> onto the <c>official_accounts</c> table.</summary>
public sealed class RegisteredAccountConfiguration : IEntityTypeConfiguration<RegisteredAccount>
{
    public void Configure(EntityTypeBuilder<RegisteredAccount> builder)
    {
        builder.ToTable("official_accounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(a => a.Platform).HasColumnName("platform");
        builder.Property(a => a.Handle).HasColumnName("handle");
        builder.Property(a => a.DisplayName).HasColumnName("display_name");
        builder.Property(a => a.Owner).HasColumnName("owner");
        builder.Property(a => a.Administrators).HasColumnName("administrators");
        builder.Property(a => a.LastReviewedOn).HasColumnName("last_reviewed_on");
        builder.Property(a => a.CreatedAt).HasColumnName("created_at");
        builder.Property(a => a.RetiredAt).HasColumnName("retired_at");
    }
}
