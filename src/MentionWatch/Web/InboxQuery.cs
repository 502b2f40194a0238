using MentionWatch.Persistence;
using MentionWatch.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace MentionWatch.Web;

/// <summary>The alerts one person may see, filtered, urgent open ones first, then newest; and the counts per state.</summary>
public static class InboxQuery
{
    public const int PageSize = 200;

    public static async Task<IReadOnlyList<InboxRow>> ListAsync(MentionWatchDb db, Visibility visibility, InboxFilter filter, CancellationToken ct)
    {
        var rows = Filtered(db, visibility, filter, withState: true)
            .Join(db.Mentions, a => a.MentionId, m => m.Id, (a, m) => new { a, m })
            .OrderByDescending(x => x.a.Urgent && x.a.State != Alerts.AlertStates.Closed)
            .ThenByDescending(x => x.m.PostedAt)
            .Take(PageSize)
            .Select(x => new InboxRow(x.a.Id, x.m.Id, x.a.Team, x.a.Labels, x.a.Urgent, x.a.State, x.a.HoldPublicReply, x.a.AssignedTo,
                x.a.RaisedAt, x.m.Platform, x.m.AuthorHandle, x.m.Text, x.m.PostedAt));
        return await rows.ToListAsync(ct);
    }

    /// <summary>Counts per state under the same filters except the state itself, so every tab shows its number.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> CountByStateAsync(MentionWatchDb db, Visibility visibility, InboxFilter filter, CancellationToken ct)
    {
        var counts = await Filtered(db, visibility, filter, withState: false)
            .GroupBy(a => a.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return counts.ToDictionary(c => c.Key, c => c.Count, StringComparer.Ordinal);
    }

    private static IQueryable<Alerts.Alert> Filtered(MentionWatchDb db, Visibility visibility, InboxFilter filter, bool withState)
    {
        var alerts = visibility.Filter(db.Alerts.AsNoTracking());
        if (!string.IsNullOrEmpty(filter.Team)) alerts = alerts.Where(a => a.Team == filter.Team);
        if (!string.IsNullOrEmpty(filter.Label)) alerts = alerts.Where(a => a.Labels.Contains(filter.Label));
        if (withState && !string.IsNullOrEmpty(filter.State)) alerts = alerts.Where(a => a.State == filter.State);
        if (!string.IsNullOrEmpty(filter.Platform))
        {
            alerts = alerts.Where(a => db.Mentions.Any(m => m.Id == a.MentionId && m.Platform == filter.Platform));
        }

        if (filter.From is { } from)
        {
            var start = UkTime.StartOf(from);
            alerts = alerts.Where(a => db.Mentions.Any(m => m.Id == a.MentionId && m.PostedAt >= start));
        }

        if (filter.To is { } to)
        {
            var end = UkTime.StartOf(to.AddDays(1));
            alerts = alerts.Where(a => db.Mentions.Any(m => m.Id == a.MentionId && m.PostedAt < end));
        }

        return alerts;
    }
}
