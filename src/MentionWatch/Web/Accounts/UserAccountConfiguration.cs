using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MentionWatch.Web.Accounts;

/// <summary>Maps <see cref="UserAccount"/> onto the <c>users</c> table.</summary>
public sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(u => u.Username).HasColumnName("username");
        builder.Property(u => u.DisplayName).HasColumnName("display_name");
        builder.Property(u => u.Email).HasColumnName("email");
        builder.Property(u => u.Roles).HasColumnName("roles");
        builder.Property(u => u.PasswordHash).HasColumnName("password_hash");
        builder.Property(u => u.FailedSignIns).HasColumnName("failed_sign_ins");
        builder.Property(u => u.LockedUntil).HasColumnName("locked_until");
        builder.Property(u => u.Disabled).HasColumnName("disabled");
        builder.Property(u => u.CreatedAt).HasColumnName("created_at");
        builder.Property(u => u.LastSignInAt).HasColumnName("last_sign_in_at");
    }
}
