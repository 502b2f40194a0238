using MentionWatch.Mentions;
using MentionWatch.Persistence;
using MentionWatch.Time;
using MentionWatch.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MentionWatch.Web.Api;

/// <summary>
/// The JSON API for the trust's own systems: the same data as the pages, under the same visibility rules, for a
/// signed-in browser (cookie) or a system holding an API token (<c>Authorization: Bearer</c>). Read-only: people
/// act on alerts through the pages, where every form carries an antiforgery token.
/// </summary>
public static class ApiEndpoints
{
    public static void MapApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();

        api.MapGet("/alerts", async ([AsParameters] InboxFilter filter, HttpContext http, MentionWatchDb db, TrustTime local, CancellationToken ct) =>
        {
            var visibility = Visibility.For(http.User);
            return Results.Ok(new
            {
                Counts = await InboxQuery.CountByStateAsync(db, visibility, filter, local, ct),
                Alerts = await InboxQuery.ListAsync(db, visibility, filter, local, ct),
            });
        });

        api.MapGet("/mentions/{id:long}", async (long id, HttpContext http, MentionWatchDb db, AuditTrail audit, CancellationToken ct) =>
        {
            var details = await MentionDetails.LoadAsync(db, Visibility.For(http.User), id, ct);
            if (details is null) return Results.NotFound();
            await audit.RecordAsync(http.User, "mention.viewed", "mention", id, "api", ct);
            return Results.Ok(details);
        });

        api.MapGet("/register", async (MentionWatchDb db, CancellationToken ct) =>
            Results.Ok(await db.OfficialAccounts.AsNoTracking().Where(a => a.RetiredAt == null).OrderBy(a => a.Platform).ThenBy(a => a.Handle).ToListAsync(ct)))
            .RequireAuthorization(WebServiceCollectionExtensions.RegisterPolicy);

        api.MapGet("/subject-access", async ([FromQuery] string handle, [FromQuery] string? platform, HttpContext http, SubjectAccessExport export, AuditTrail audit, CancellationToken ct) =>
        {
            var json = await export.ExportAsync(handle, platform, ct);
            await audit.RecordAsync(http.User, "subject_access.exported", "author", handle, platform, ct);
            return Results.Text(json, "application/json");
        }).RequireAuthorization(WebServiceCollectionExtensions.AdminPolicy);
    }
}
