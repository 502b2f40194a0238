using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MentionWatch.Mentions;

/// <summary>Maps <see cref="Verdict"/> onto the <c>verdicts</c> table.</summary>
public sealed class VerdictConfiguration : IEntityTypeConfiguration<Verdict>
{
    public void Configure(EntityTypeBuilder<Verdict> builder)
    {
        builder.ToTable("verdicts");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(v => v.MentionId).HasColumnName("mention_id");
        builder.Property(v => v.ClassifierVersion).HasColumnName("classifier_version");
        builder.Property(v => v.Labels).HasColumnName("labels");
        builder.Property(v => v.Urgent).HasColumnName("urgent");
        builder.Property(v => v.Reasons).HasColumnName("reasons");
        builder.Property(v => v.DecidedBy).HasColumnName("decided_by");
        builder.Property(v => v.CreatedAt).HasColumnName("created_at");
        builder.HasOne<Mention>().WithMany().HasForeignKey(v => v.MentionId).OnDelete(DeleteBehavior.Cascade);
    }
}
