using MentionWatch.Alerts;
using MentionWatch.Persistence;
using MentionWatch.Time;
using MentionWatch.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace MentionWatch.Web;

/// <summary>
/// The alerts one person may see, filtered, urgent open ones first, then newest; and the counts per state. A
/// notice has no post: it sorts and filters by when it was raised, and a platform filter leaves it out. A story's
/// "shared N more times" updates are not listed.
/// </summary>
public static class InboxQuery
{
    public const int PageSize = 200;
    public const int ExcerptLength = 120;

    public static async Task<IReadOnlyList<InboxRow>> ListAsync(MentionWatchDb db, Visibility visibility, InboxFilter filter, TrustTime local, CancellationToken ct)
    {
        var rows = Filtered(db, visibility, filter, local, withState: true)
            .LeftJoin(db.Mentions, a => a.MentionId, m => (long?)m.Id, (a, m) => new { a, m })
            .Select(x => new
            {
                x.a, x.m,
                Shown = x.a.Kind == AlertKinds.Mention && x.m != null ? x.m.PostedAt : x.a.RaisedAt,
            })
            .OrderByDescending(x => x.a.Urgent && x.a.State != AlertStates.Closed)
            .ThenByDescending(x => x.Shown)
            .Take(PageSize)
            .Select(x => new InboxRow(x.a.Id, x.a.MentionId, x.a.Kind, x.a.Team, x.a.Labels, x.a.Urgent, x.a.State, x.a.HoldPublicReply, x.a.AssignedTo,
                x.a.RaisedAt, x.m == null ? null : x.m.Platform, x.m == null ? null : x.m.AuthorHandle,
                x.a.Kind == AlertKinds.Mention && x.m != null ? x.m.Text : x.a.Headline ?? x.a.Subject ?? "", x.Shown, x.a.EscalationLevel,
                db.Mentions.Count(c => c.StoryId == x.a.MentionId)));
        return (await rows.ToListAsync(ct)).Select(r => r with { Text = Excerpt(r.Text) }).ToList();
    }

    /// <summary>
    /// The start of a post, which is all a list shows (on the pages and in the API): the full text is on the
    /// mention page, where every view is audited.
    /// </summary>
    public static string Excerpt(string text) => text.Length <= ExcerptLength ? text : string.Concat(text.AsSpan(0, ExcerptLength - 1), "…");

    /// <summary>Counts per state under the same filters except the state itself, so every tab shows its number.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> CountByStateAsync(MentionWatchDb db, Visibility visibility, InboxFilter filter, TrustTime local, CancellationToken ct)
    {
        var counts = await Filtered(db, visibility, filter, local, withState: false)
            .GroupBy(a => a.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return counts.ToDictionary(c => c.Key, c => c.Count, StringComparer.Ordinal);
    }

    private static IQueryable<Alert> Filtered(MentionWatchDb db, Visibility visibility, InboxFilter filter, TrustTime local, bool withState)
    {
        // A story's updates are messages about its own row, which shows the count: not items to work on.
        var alerts = visibility.Filter(db.Alerts.AsNoTracking()).Where(a => a.Kind != AlertKinds.StoryUpdate);
        if (!string.IsNullOrEmpty(filter.Team)) alerts = alerts.Where(a => a.Team == filter.Team);
        if (!string.IsNullOrEmpty(filter.Label)) alerts = alerts.Where(a => a.Labels.Contains(filter.Label));
        if (withState && !string.IsNullOrEmpty(filter.State)) alerts = alerts.Where(a => a.State == filter.State);
        if (!string.IsNullOrEmpty(filter.Platform))
        {
            alerts = alerts.Where(a => db.Mentions.Any(m => m.Id == a.MentionId && m.Platform == filter.Platform));
        }

        if (filter.From is { } from)
        {
            var start = local.StartOf(from);
            alerts = alerts.Where(a => a.Kind == AlertKinds.Mention
                ? db.Mentions.Any(m => m.Id == a.MentionId && m.PostedAt >= start)
                : a.RaisedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = local.StartOf(to.AddDays(1));
            alerts = alerts.Where(a => a.Kind == AlertKinds.Mention
                ? db.Mentions.Any(m => m.Id == a.MentionId && m.PostedAt < end)
                : a.RaisedAt < end);
        }

        return alerts;
    }
}
