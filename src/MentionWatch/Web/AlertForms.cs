using System.Linq.Expressions;
using System.Security.Claims;
using MentionWatch.Alerts;
using MentionWatch.Persistence;
using MentionWatch.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace MentionWatch.Web;

/// <summary>What the pages share when a form acts on an alert: the person must be able to see it, and gets a plain answer.</summary>
public static class AlertForms
{
    /// <returns>The message to show, or null when the alert does not exist here or is not visible to this person.</returns>
    public static async Task<string?> ActAsync(
        MentionWatchDb db,
        ClaimsPrincipal user,
        long alertId,
        Expression<Func<Alert, bool>> belongs,
        Func<Task<AlertActionOutcome>> act,
        string done,
        CancellationToken ct)
    {
        var alert = await db.Alerts.AsNoTracking().Where(a => a.Id == alertId).Where(belongs).SingleOrDefaultAsync(ct);
        if (alert is null || !Visibility.For(user).CanSee(alert)) return null;
        return await act() switch
        {
            AlertActionOutcome.Done => done,
            AlertActionOutcome.AlreadyDone => "Nothing to change: it was already done.",
            _ => "The alert no longer exists.",
        };
    }
}
