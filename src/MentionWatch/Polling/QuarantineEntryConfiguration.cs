using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MentionWatch.Polling;

/// <summary>Maps <see cref="QuarantineEntry"/> onto the <c>quarantine</c> table.</summary>
public sealed class QuarantineEntryConfiguration : IEntityTypeConfiguration<QuarantineEntry>
{
    public void Configure(EntityTypeBuilder<QuarantineEntry> builder)
    {
        builder.ToTable("quarantine");
        builder.HasKey(q => q.Id);
        builder.Property(q => q.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(q => q.SourceId).HasColumnName("source_id");
        builder.Property(q => q.Reason).HasColumnName("reason");
        builder.Property(q => q.Payload).HasColumnName("payload");
        builder.Property(q => q.PayloadLength).HasColumnName("payload_length");
        builder.Property(q => q.PayloadSha256).HasColumnName("payload_sha256");
        builder.Property(q => q.ReceivedAt).HasColumnName("received_at");
    }
}
