using MentionWatch.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MentionWatch.Web.Pages.Admin;

/// <summary>Who saw or did what, when: the audit log, newest first, filtered. Read-only: nothing here edits a row.</summary>
public sealed class AuditModel(MentionWatchDb db, UkTime ukTime) : PageModel
{
    public const int PageSize = 500;

    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var entries = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Actor)) entries = entries.Where(e => e.Actor == Actor);
        if (!string.IsNullOrWhiteSpace(Action)) entries = entries.Where(e => e.Action.StartsWith(Action));
        if (!string.IsNullOrWhiteSpace(EntityType)) entries = entries.Where(e => e.EntityType == EntityType);
        if (!string.IsNullOrWhiteSpace(EntityId)) entries = entries.Where(e => e.EntityId == EntityId);
        if (From is { } from)
        {
            var start = ukTime.StartOf(from);
            entries = entries.Where(e => e.At >= start);
        }

        if (To is { } to)
        {
            var end = ukTime.StartOf(to.AddDays(1));
            entries = entries.Where(e => e.At < end);
        }

        Entries = await entries.OrderByDescending(e => e.Id).Take(PageSize).ToListAsync(ct);
    }
}
