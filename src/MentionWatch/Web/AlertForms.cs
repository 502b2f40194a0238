using System.Linq.Expressions;
using System.Security.Claims;
using MentionWatch.Alerts;
using MentionWatch.Persistence;
using MentionWatch.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace MentionWatch.Web;

/// <summary>
/// What the pages share when a form acts on an alert: the person must be able to see it and be of its team (or an
/// admin), and gets a plain answer.
/// </summary>
public static class AlertForms
{
    /// <summary>The message a person who can see an alert but not act on it gets.</summary>
    public static string NotYourTeam(Alert alert) =>
        $"Only the {alert.Team} team (or an admin) can act on this alert. You can add a note on the mention for them.";

    /// <returns>
    /// The message to show, or null when the alert does not exist here or is not visible to this person;
    /// Refused with the reason when they can see it but may not act on it.
    /// </returns>
    public static async Task<(string? Message, bool Refused)> ActAsync(
        MentionWatchDb db,
        ClaimsPrincipal user,
        long alertId,
        Expression<Func<Alert, bool>> belongs,
        Func<Task<AlertActionOutcome>> act,
        string done,
        CancellationToken ct)
    {
        var alert = await db.Alerts.AsNoTracking().Where(a => a.Id == alertId).Where(belongs).SingleOrDefaultAsync(ct);
        var visibility = Visibility.For(user);
        if (alert is null || !visibility.CanSee(alert)) return (null, false);
        if (!visibility.CanAct(alert)) return (NotYourTeam(alert), true);
        return (await act() switch
        {
            AlertActionOutcome.Done => done,
            AlertActionOutcome.AlreadyDone => "Nothing to change: it was already done.",
            _ => "The alert no longer exists.",
        }, false);
    }
}
