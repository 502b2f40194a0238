using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MentionWatch.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// CA1862: string.Equals(..., OrdinalIgnoreCase) does not translate to SQL; ToLower() becomes lower(), which does.
#pragma warning disable CA1862

namespace MentionWatch.Mentions;

/// <summary>
/// Answers a subject access request: everything held about one author handle (on every platform, or one), as JSON —
/// each mention with its raw payload, verdicts, alerts, deliveries and notes; the FOI cases they made (by their posts or
/// as the named requester) with each case's history; the quarantined payloads that name them (posts that could not be
/// read); and the audit entries about all of these and about earlier exports for them.
/// </summary>
public sealed class SubjectAccessExport(MentionWatchDb db, NpgsqlDataSource dataSource, TimeProvider time)
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
        var foiCases = await RowsAsync(
            "select * from foi_cases where mention_id = any(@ids) or lower(ltrim(requester, '@')) = @bare order by id", ids, bare, ct);
        var foiIds = foiCases.Select(c => (long)c["id"]!).ToArray();
        var foiEvents = await RowsAsync("select * from foi_case_events where case_id = any(@ids) order by id", foiIds, bare, ct);
        var foiKeys = foiIds.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        // A payload that could not be read names its author only in its text: found by the handle as a whole word.
        var like = "%" + bare.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
        var word = new Regex($@"(?<![\w.]){Regex.Escape(bare)}(?![\w])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
        var quarantined = (await db.Quarantine.AsNoTracking().Where(q => EF.Functions.ILike(q.Payload, like, @"\")).OrderBy(q => q.Id).ToListAsync(ct))
            .Where(q => word.IsMatch(q.Payload)).ToList();
        var audit = await db.AuditLog.AsNoTracking()
            .Where(e => (e.EntityType == "mention" && mentionKeys.Contains(e.EntityId!)) || (e.EntityType == "alert" && alertKeys.Contains(e.EntityId!))
                        || (e.EntityType == "foi_case" && foiKeys.Contains(e.EntityId!))
                        || (e.EntityType == "author" && (e.EntityId!.ToLower() == bare || e.EntityId!.ToLower() == "@" + bare)))
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
            FoiCases = foiCases.Select(c => new { Case = c, Events = foiEvents.Where(e => Equals(e["case_id"], c["id"])) }),
            Quarantined = quarantined,
            Audit = audit,
        };
        return JsonSerializer.Serialize(document, Json);
    }

    /// <summary>Every column of the rows a query returns, by name: for tables the export passes on whole.</summary>
    private async Task<List<Dictionary<string, object?>>> RowsAsync(string sql, long[] ids, string bare, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("ids", ids);
        command.Parameters.AddWithValue("bare", bare);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(ct))
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }

        return rows;
    }
}
