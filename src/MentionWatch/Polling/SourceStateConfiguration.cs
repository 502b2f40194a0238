using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MentionWatch.Polling;

/// <summary>Maps <see cref="SourceState"/> onto the <c>sources</c> table.</summary>
public sealed class SourceStateConfiguration : IEntityTypeConfiguration<SourceState>
{
    public void Configure(EntityTypeBuilder<SourceState> builder)
    {
        builder.ToTable("sources");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("id");
        builder.Property(s => s.Platform).HasColumnName("platform");
        builder.Property(s => s.Cursor).HasColumnName("cursor");
        builder.Property(s => s.LastPollAt).HasColumnName("last_poll_at");
        builder.Property(s => s.LastSuccessAt).HasColumnName("last_success_at");
        builder.Property(s => s.LastError).HasColumnName("last_error");
        builder.Property(s => s.LastErrorAt).HasColumnName("last_error_at");
        builder.Property(s => s.BackoffUntil).HasColumnName("backoff_until");
        builder.Property(s => s.NextPollAt).HasColumnName("next_poll_at");
        builder.Property(s => s.ItemsLastPoll).HasColumnName("items_last_poll");
        builder.Property(s => s.ConsecutiveFailures).HasColumnName("consecutive_failures");
    }
}
