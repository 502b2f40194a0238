using System.Security.Claims;
using MentionWatch.Alerts;
using MentionWatch.Triage;

namespace MentionWatch.Web.Accounts;

/// <summary>
/// What one signed-in person may see: the alert teams of their roles (see <see cref="Roles"/>), urgent distress
/// for comms, or everything for admin. Every page and API query filters through <see cref="Filter"/>, so a
/// mention is visible exactly when one of its alerts is. Seeing is not acting: only the alert's own team, or an
/// admin, may acknowledge, assign, agree, record or close it (<see cref="CanAct"/>); comms sees urgent distress routed
/// to SPA, but acknowledging it would stop its escalation while SPA never saw it.
/// </summary>
public sealed record Visibility(bool All, IReadOnlyList<string> Teams, bool UrgentDistress)
{
    public static Visibility For(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Admin)) return new Visibility(true, [], true);
        var roles = Roles.All.Where(user.IsInRole).ToList();
        var teams = roles.SelectMany(r => Roles.Teams.TryGetValue(r, out var t) ? t : []).Distinct(StringComparer.Ordinal).ToArray();
        return new Visibility(false, teams, roles.Contains(Roles.Comms) || roles.Contains(Roles.Spa));
    }

    /// <summary>The alerts this person may see.</summary>
    public IQueryable<Alert> Filter(IQueryable<Alert> alerts)
    {
        if (All) return alerts;
        var teams = Teams.ToArray();
        return UrgentDistress
            ? alerts.Where(a => teams.Contains(a.Team) || (a.Urgent && a.Labels.Contains(Labels.Distress)))
            : alerts.Where(a => teams.Contains(a.Team));
    }

    /// <summary>Whether this person may act on the alert: its own team's, or an admin (every action is audited by name).</summary>
    public bool CanAct(Alert alert) => All || Teams.Contains(alert.Team, StringComparer.Ordinal);

    public bool CanSee(Alert alert) =>
        All || Teams.Contains(alert.Team, StringComparer.Ordinal) || (UrgentDistress && alert.Urgent && alert.Labels.Contains(Labels.Distress));
}
