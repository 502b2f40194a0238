using System.Globalization;
using MentionWatch.Alerts;
using MentionWatch.Mentions;
using MentionWatch.Persistence;
using MentionWatch.Stories;
using MentionWatch.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace MentionWatch.Web;

/// <summary>Everything the mention page (and <c>GET /api/mentions/{id}</c>) shows about one mention to one person.</summary>
public sealed record MentionDetails(
    Mention Mention,
    IReadOnlyList<Verdict> Verdicts,
    IReadOnlyList<Alert> Alerts,
    IReadOnlyList<Delivery> Deliveries,
    IReadOnlyList<MentionNote> Notes,
    IReadOnlyList<AuditEntry> History,
    IReadOnlyList<StoryCopy> Copies,
    StorySummary Story)
{
    /// <summary>The most copies the page lists; the count covers them all.</summary>
    public const int CopiesShown = 200;

    /// <summary>The teams a note written now by this person is for: those of the mention's alerts they can see.</summary>
    public static string[] NoteTeams(IEnumerable<Alert> visibleAlerts) => visibleAlerts.Select(a => a.Team).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The notes on the mention this person may read: all for an admin, else those for a team whose alert they see.</summary>
    private static IQueryable<MentionNote> ReadableNotes(MentionWatchDb db, Visibility visibility, long id, IEnumerable<Alert> visibleAlerts)
    {
        var notes = db.MentionNotes.AsNoTracking().Where(n => n.MentionId == id);
        if (!visibility.All)
        {
            var teams = NoteTeams(visibleAlerts);
            notes = notes.Where(n => n.Teams.Any(t => teams.Contains(t)));
        }

        return notes.OrderBy(n => n.CreatedAt);
    }

    /// <summary>Null when the mention does not exist or none of its alerts is visible to this person.</summary>
    public static async Task<MentionDetails?> LoadAsync(MentionWatchDb db, Visibility visibility, long id, CancellationToken ct)
    {
        var mention = await db.Mentions.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (mention is null) return null;
        var alerts = await visibility.Filter(db.Alerts.AsNoTracking()).Where(a => a.MentionId == id).OrderBy(a => a.Team).ToListAsync(ct);
        // A copy has no alerts of its own: whoever sees its story's alerts may read it.
        if (alerts.Count == 0 && !visibility.All
            && !(mention.StoryId is { } story && await visibility.Filter(db.Alerts.AsNoTracking()).AnyAsync(a => a.MentionId == story, ct)))
        {
            return null;
        }

        var alertIds = alerts.Select(a => a.Id).ToArray();
        var alertKeys = alertIds.Select(a => a.ToString(CultureInfo.InvariantCulture)).ToArray();
        var key = id.ToString(CultureInfo.InvariantCulture);
        return new MentionDetails(
            mention,
            await db.Verdicts.AsNoTracking().Where(v => v.MentionId == id).OrderBy(v => v.CreatedAt).ToListAsync(ct),
            alerts,
            await db.Deliveries.AsNoTracking().Where(d => alertIds.Contains(d.AlertId)).OrderBy(d => d.CreatedAt).ToListAsync(ct),
            await ReadableNotes(db, visibility, id, alerts).ToListAsync(ct),
            await db.AuditLog.AsNoTracking()
                .Where(e => (e.EntityType == "mention" && e.EntityId == key) || (e.EntityType == "alert" && alertKeys.Contains(e.EntityId!)))
                .OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct),
            await db.Mentions.AsNoTracking().Where(c => c.StoryId == id).OrderBy(c => c.Id).Take(CopiesShown)
                .Select(c => new StoryCopy(c.Id, c.Platform, c.AuthorHandle, c.CopyKind, c.PostedAt)).ToListAsync(ct),
            await StoryOfAsync(db, mention, ct));
    }

    private static async Task<StorySummary> StoryOfAsync(MentionWatchDb db, Mention mention, CancellationToken ct)
    {
        var copies = db.Mentions.AsNoTracking().Where(c => c.StoryId == mention.Id);
        var posted = copies.Where(c => c.CopyKind == CopyKinds.Copy || c.CopyKind == CopyKinds.Similar);
        var figures = await copies.GroupBy(_ => 1).Select(g => new
        {
            Count = g.Count(),
            Accounts = g.Select(c => c.AuthorHandle).Distinct().Count(),
            Last = g.Max(c => c.FirstSeenAt),
        }).SingleOrDefaultAsync(ct);
        if (figures is null) return new StorySummary(0, 0, mention.FirstSeenAt, mention.FirstSeenAt, [], 0);
        var people = await posted.Where(c => c.AuthorHandle != mention.AuthorHandle).Select(c => c.AuthorHandle).Distinct().CountAsync(ct);
        var campaign = await posted.Where(c => c.AuthorHandle != mention.AuthorHandle)
            .GroupBy(c => c.AuthorHandle).Select(g => g.Min(c => c.Id)).OrderBy(i => i).Take(CopiesShown)
            .Join(db.Mentions, i => i, c => c.Id, (_, c) => new StoryCopy(c.Id, c.Platform, c.AuthorHandle, c.CopyKind, c.PostedAt))
            .ToListAsync(ct);
        return new StorySummary(figures.Count, figures.Accounts, mention.FirstSeenAt, figures.Last, campaign, people);
    }
}
