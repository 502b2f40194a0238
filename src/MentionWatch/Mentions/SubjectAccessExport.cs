using System.Text.Json;
using System.Text.Json.Nodes;
using MentionWatch.Persistence;
using Microsoft.EntityFrameworkCore;

// CA1862: string.Equals(..., OrdinalIgnoreCase) does not translate to SQL; ToLower() becomes lower(), which does.
#pragma warning disable CA1862

namespace MentionWatch.Mentions;

/// <summary>
/// Answers a subject access request: everything held about one author handle (on every platform, or one), as JSON —
/// each mention with its raw payload, verdicts, alerts, deliveries and notes, and the audit entries about them.
/// </summary>
public sealed class SubjectAccessExport(MentionWatchDb db, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<string> ExportAsync(string handle, string? platform, CancellationToken ct)
    {
        var bare = handle.Trim().TrimStart('@').ToLowerInvariant();
        var mentions = await db.Mentions.AsNoTracking()
            .Where(m => m.AuthorHandle != null && (m.AuthorHandle.ToLower() == bare || m.AuthorHandle.ToLower() == "@" + bare))
            .Where(m => platform == null || m.Platform == platform)
            .OrderBy(m => m.PostedAt)
            .ToListAsync(ct);
        var ids = mentions.Select(m => m.Id).ToArray();
        var verdicts = await db.Verdicts.AsNoTracking().Where(v => ids.Contains(v.MentionId)).ToListAsync(ct);
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.MentionId != null && ids.Contains(a.MentionId.Value)).ToListAsync(ct);
        var alertIds = alerts.Select(a => a.Id).ToArray();
        var deliveries = await db.Deliveries.AsNoTracking().Where(d => alertIds.Contains(d.AlertId)).ToListAsync(ct);
        var notes = await db.MentionNotes.AsNoTracking().Where(n => ids.Contains(n.MentionId)).ToListAsync(ct);
        var mentionKeys = ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var alertKeys = alertIds.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var audit = await db.AuditLog.AsNoTracking()
            .Where(e => (e.EntityType == "mention" && mentionKeys.Contains(e.EntityId!)) || (e.EntityType == "alert" && alertKeys.Contains(e.EntityId!)))
            .OrderBy(e => e.At).ToListAsync(ct);

        var document = new
        {
            Handle = handle,
            Platform = platform,
            ExportedAt = time.GetUtcNow(),
            Mentions = mentions.Select(m => new
            {
                m.Id, m.Platform, m.ExternalId, m.SourceId, m.AuthorHandle, m.AuthorDisplayName, m.AuthorDescription,
                m.AuthorCreatedAt, m.AuthorVerified, m.Text, m.Url, m.Lang, m.InReplyTo, m.PostedAt, m.FirstSeenAt,
                m.LegalHold, RawPayload = JsonNode.Parse(m.RawPayload), m.RawSha256,
                Verdicts = verdicts.Where(v => v.MentionId == m.Id),
                Alerts = alerts.Where(a => a.MentionId == m.Id).Select(a => new { Alert = a, Deliveries = deliveries.Where(d => d.AlertId == a.Id) }),
                Notes = notes.Where(n => n.MentionId == m.Id),
            }),
            Audit = audit,
        };
        return JsonSerializer.Serialize(document, Json);
    }
}
