using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MentionWatch.Alerts;

/// <summary>Maps <see cref="Delivery"/> onto the <c>deliveries</c> table.</summary>
public sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> builder)
    {
        builder.ToTable("deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(d => d.AlertId).HasColumnName("alert_id");
        builder.Property(d => d.Channel).HasColumnName("channel");
        builder.Property(d => d.IdempotencyKey).HasColumnName("idempotency_key");
        builder.Property(d => d.Status).HasColumnName("status");
        builder.Property(d => d.Attempts).HasColumnName("attempts");
        builder.Property(d => d.LastError).HasColumnName("last_error");
        builder.Property(d => d.CreatedAt).HasColumnName("created_at");
        builder.Property(d => d.DeliveredAt).HasColumnName("delivered_at");
        builder.HasIndex(d => d.IdempotencyKey).IsUnique();
        builder.HasOne<Alert>().WithMany().HasForeignKey(d => d.AlertId).OnDelete(DeleteBehavior.Cascade);
    }
}
