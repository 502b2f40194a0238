using MentionWatch.Mentions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MentionWatch.Alerts;

/// <summary>Maps <see cref="Alert"/> onto the <c>alerts</c> table.</summary>
public sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.ToTable("alerts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(a => a.MentionId).HasColumnName("mention_id");
        builder.Property(a => a.Kind).HasColumnName("kind");
        builder.Property(a => a.Subject).HasColumnName("subject");
        builder.Property(a => a.Headline).HasColumnName("headline");
        builder.Property(a => a.Details).HasColumnName("details");
        builder.Property(a => a.Link).HasColumnName("link");
        builder.Property(a => a.Team).HasColumnName("team");
        builder.Property(a => a.Labels).HasColumnName("labels");
        builder.Property(a => a.Urgent).HasColumnName("urgent");
        builder.Property(a => a.RaisedAt).HasColumnName("raised_at");
        builder.Property(a => a.State).HasColumnName("state");
        builder.Property(a => a.HoldPublicReply).HasColumnName("hold_public_reply");
        builder.Property(a => a.AcknowledgedBy).HasColumnName("acknowledged_by");
        builder.Property(a => a.AcknowledgedAt).HasColumnName("acknowledged_at");
        builder.Property(a => a.AssignedTo).HasColumnName("assigned_to");
        builder.Property(a => a.ActionAgreedBy).HasColumnName("action_agreed_by");
        builder.Property(a => a.ActionAgreedAt).HasColumnName("action_agreed_at");
        builder.Property(a => a.ClosedBy).HasColumnName("closed_by");
        builder.Property(a => a.ClosedAt).HasColumnName("closed_at");
        builder.Property(a => a.PalsReference).HasColumnName("pals_reference");
        builder.Property(a => a.DueAt).HasColumnName("due_at");
        builder.Property(a => a.SlaBreachedAt).HasColumnName("sla_breached_at");
        builder.Property(a => a.EscalationLevel).HasColumnName("escalation_level");
        builder.Property(a => a.DeliveryPlan).HasColumnName("delivery_plan");
        builder.Property(a => a.DigestAt).HasColumnName("digest_at");
        builder.Property(a => a.DigestAlertId).HasColumnName("digest_alert_id");
        builder.HasIndex(a => new { a.MentionId, a.Team }).IsUnique().HasDatabaseName("uq_alerts_mention_team");
        builder.HasIndex(a => new { a.Subject, a.Team }).IsUnique().HasFilter("subject is not null").HasDatabaseName("uq_alerts_subject_team");
        builder.HasOne<Mention>().WithMany().HasForeignKey(a => a.MentionId).OnDelete(DeleteBehavior.Cascade);
    }
}
