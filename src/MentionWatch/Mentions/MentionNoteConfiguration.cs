using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MentionWatch.Mentions;

/// <summary>Maps <see cref="MentionNote"/> onto the <c>mention_notes</c> table.</summary>
public sealed class MentionNoteConfiguration : IEntityTypeConfiguration<MentionNote>
{
    public void Configure(EntityTypeBuilder<MentionNote> builder)
    {
        builder.ToTable("mention_notes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(n => n.MentionId).HasColumnName("mention_id");
        builder.Property(n => n.Author).HasColumnName("author");
        builder.Property(n => n.Body).HasColumnName("body");
        builder.Property(n => n.CreatedAt).HasColumnName("created_at");
        builder.Property(n => n.Teams).HasColumnName("teams");
        builder.HasOne<Mention>().WithMany().HasForeignKey(n => n.MentionId).OnDelete(DeleteBehavior.Cascade);
    }
}
