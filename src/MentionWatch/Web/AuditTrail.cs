using System.Security.Claims;
using MentionWatch.Persistence;
using MentionWatch.Web.Accounts;

namespace MentionWatch.Web;

/// <summary>Appends what a person saw or did to <c>audit_log</c>. There is no way to change or remove a row here.</summary>
public sealed class AuditTrail(MentionWatchDb db, TimeProvider time)
{
    public async Task RecordAsync(ClaimsPrincipal user, string action, string entityType, object? entityId, string? detail, CancellationToken ct)
    {
        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow(), Actor = user.Actor(), Action = action, EntityType = entityType,
            EntityId = Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture), Detail = detail,
        });
        await db.SaveChangesAsync(ct);
    }
}
