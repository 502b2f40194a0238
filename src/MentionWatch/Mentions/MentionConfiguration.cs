using MentionWatch.Polling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MentionWatch.Mentions;

/// <summary>Maps <see cref="Mention"/> onto the <c>mentions</c> table.</summary>
public sealed class MentionConfiguration : IEntityTypeConfiguration<Mention>
{
    public void Configure(EntityTypeBuilder<Mention> builder)
    {
        builder.ToTable("mentions");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(m => m.SourceId).HasColumnName("source_id");
        builder.Property(m => m.Platform).HasColumnName("platform");
        builder.Property(m => m.ExternalId).HasColumnName("external_id");
        builder.Property(m => m.AuthorHandle).HasColumnName("author_handle");
        builder.Property(m => m.AuthorDisplayName).HasColumnName("author_display_name");
        builder.Property(m => m.AuthorDescription).HasColumnName("author_description");
        builder.Property(m => m.AuthorCreatedAt).HasColumnName("author_created_at");
        builder.Property(m => m.AuthorVerified).HasColumnName("author_verified");
        builder.Property(m => m.Text).HasColumnName("text");
        builder.Property(m => m.Url).HasColumnName("url");
        builder.Property(m => m.Lang).HasColumnName("lang");
        builder.Property(m => m.InReplyTo).HasColumnName("in_reply_to");
        builder.Property(m => m.PostedAt).HasColumnName("posted_at");
        builder.Property(m => m.FirstSeenAt).HasColumnName("first_seen_at");
        builder.Property(m => m.RawPayload).HasColumnName("raw_payload").HasColumnType("jsonb");
        builder.Property(m => m.RawSha256).HasColumnName("raw_sha256");
        builder.Property(m => m.PublishedAt).HasColumnName("published_at");
        builder.Property(m => m.LegalHold).HasColumnName("legal_hold");
        builder.Property(m => m.StoryId).HasColumnName("story_id");
        builder.Property(m => m.CopyKind).HasColumnName("copy_kind");
        builder.HasIndex(m => new { m.Platform, m.ExternalId }).IsUnique().HasDatabaseName("uq_mentions_platform_external_id");
        builder.HasOne<SourceState>().WithMany().HasForeignKey(m => m.SourceId);
    }
}
