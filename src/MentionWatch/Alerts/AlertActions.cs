using MentionWatch.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MentionWatch.Alerts;

/// <summary>
/// The state-changing operations people perform on an alert: acknowledge, assign, agree the action (which lifts
/// the "no public reply" hold), record a PALS reference and close. Each is one conditional update plus its audit
/// row in one transaction, so two people clicking at once, or a web click and an e-mail link, cannot both win,
/// and the audit trail never shows a change that did not happen. Who may act is the caller's concern.
/// </summary>
public sealed class AlertActions(MentionWatchDb db, AlertAcknowledgement acknowledgement, TimeProvider time)
{
    /// <summary>Acknowledges from the pages: the same single step as a signed link's (<see cref="AlertAcknowledgement"/>).</summary>
    public async Task<AlertActionOutcome> AcknowledgeAsync(long alertId, string actor, CancellationToken ct)
    {
        var outcome = await acknowledgement.AcknowledgeAsync(alertId, actor, "web page", ct);
        return !outcome.Found ? AlertActionOutcome.NotFound
            : outcome.Acknowledged ? AlertActionOutcome.Done
            : AlertActionOutcome.AlreadyDone;
    }

    /// <summary>Records that the recommended action is agreed: the team may now reply in public.</summary>
    public Task<AlertActionOutcome> AgreeActionAsync(long alertId, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return ApplyAsync(alertId, actor, "alert.action_agreed", "public reply hold cleared",
            a => a.HoldPublicReply,
            s => s.SetProperty(a => a.HoldPublicReply, false)
                .SetProperty(a => a.ActionAgreedBy, actor)
                .SetProperty(a => a.ActionAgreedAt, now), ct);
    }

    public Task<AlertActionOutcome> AssignAsync(long alertId, string assignee, string actor, CancellationToken ct)
    {
        var to = assignee.Trim();
        return ApplyAsync(alertId, actor, "alert.assigned", $"assigned to {to}",
            a => a.AssignedTo != to,
            s => s.SetProperty(a => a.AssignedTo, to), ct);
    }

    /// <summary>Records the reference PALS gave the complaint in its own case system.</summary>
    public Task<AlertActionOutcome> RecordPalsReferenceAsync(long alertId, string reference, string actor, CancellationToken ct)
    {
        var value = reference.Trim();
        return ApplyAsync(alertId, actor, "alert.pals_reference", $"PALS reference {value}",
            a => a.PalsReference != value,
            s => s.SetProperty(a => a.PalsReference, value), ct);
    }

    /// <summary>Closes the alert; an alert closed without being acknowledged counts as acknowledged by the closer.</summary>
    public Task<AlertActionOutcome> CloseAsync(long alertId, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return ApplyAsync(alertId, actor, "alert.closed", null,
            a => a.State != AlertStates.Closed,
            s => s.SetProperty(a => a.State, AlertStates.Closed)
                .SetProperty(a => a.ClosedBy, actor)
                .SetProperty(a => a.ClosedAt, now)
                .SetProperty(a => a.AcknowledgedBy, a => a.AcknowledgedBy ?? actor)
                .SetProperty(a => a.AcknowledgedAt, a => a.AcknowledgedAt ?? now), ct);
    }

    private async Task<AlertActionOutcome> ApplyAsync(
        long alertId,
        string actor,
        string action,
        string? detail,
        System.Linq.Expressions.Expression<Func<Alert, bool>> applies,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Alert>> set,
        CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Alerts.Where(a => a.Id == alertId).Where(applies).ExecuteUpdateAsync(set, ct);
        if (changed == 0)
        {
            return await db.Alerts.AnyAsync(a => a.Id == alertId, ct) ? AlertActionOutcome.AlreadyDone : AlertActionOutcome.NotFound;
        }

        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow(), Actor = actor, Action = action, EntityType = "alert",
            EntityId = alertId.ToString(System.Globalization.CultureInfo.InvariantCulture), Detail = detail,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return AlertActionOutcome.Done;
    }
}
