using Npgsql;

namespace MentionWatch.IntegrationTests.Web;

/// <summary>Writes a mention with its machine verdict and alerts straight into the database, as the pipeline would, at the app's clock.</summary>
public static class TestMentions
{
    private static readonly string[] Reasons = ["rule:test"];
    private static readonly string[] NoticeDetails = ["Due in 3 working days.", "Reply to the requester or record an extension."];
    private static int _next;

    public static async Task<(long MentionId, long[] AlertIds)> AddAsync(
        WebApp app,
        string text,
        string[] labels,
        bool urgent,
        string[] teams,
        string author = "someone",
        string platform = "x",
        DateTimeOffset? postedAt = null,
        bool legalHold = false)
    {
        var now = app.Clock.Now;
        var posted = postedAt ?? now.AddMinutes(-10);
        var externalId = $"t-{Interlocked.Increment(ref _next)}-{Guid.NewGuid():N}";
        await using var connection = await app.Database.OpenConnectionAsync();
        await using (var source = new NpgsqlCommand("insert into sources (id, platform) values ('test', 'x') on conflict do nothing", connection))
        {
            await source.ExecuteNonQueryAsync();
        }

        await using var insert = new NpgsqlCommand(
            """
            insert into mentions (source_id, platform, external_id, author_handle, author_display_name, text, url, posted_at, first_seen_at,
                                  raw_payload, raw_sha256, published_at, legal_hold)
            values ('test', @platform, @external, @author, 'Display ' || @author, @text, 'https://x.com/' || @author || '/status/1', @posted, @posted,
                    jsonb_build_object('id', @external::text, 'text', @text::text), 'abc123', @posted, @hold)
            returning id
            """, connection);
        insert.Parameters.AddWithValue("platform", platform);
        insert.Parameters.AddWithValue("external", externalId);
        insert.Parameters.AddWithValue("author", author);
        insert.Parameters.AddWithValue("text", text);
        insert.Parameters.AddWithValue("posted", posted);
        insert.Parameters.AddWithValue("hold", legalHold);
        var mentionId = (long)(await insert.ExecuteScalarAsync())!;

        await using (var verdict = new NpgsqlCommand(
            "insert into verdicts (mention_id, classifier_version, labels, urgent, reasons, created_at) values (@id, 'test-1', @labels, @urgent, @reasons, @now)",
            connection))
        {
            verdict.Parameters.AddWithValue("id", mentionId);
            verdict.Parameters.AddWithValue("labels", labels);
            verdict.Parameters.AddWithValue("urgent", urgent);
            verdict.Parameters.AddWithValue("reasons", Reasons);
            verdict.Parameters.AddWithValue("now", now);
            await verdict.ExecuteNonQueryAsync();
        }

        var alertIds = new List<long>();
        foreach (var team in teams)
        {
            await using var alert = new NpgsqlCommand(
                "insert into alerts (mention_id, team, labels, urgent, raised_at) values (@id, @team, @labels, @urgent, @now) returning id", connection);
            alert.Parameters.AddWithValue("id", mentionId);
            alert.Parameters.AddWithValue("team", team);
            alert.Parameters.AddWithValue("labels", labels);
            alert.Parameters.AddWithValue("urgent", urgent);
            alert.Parameters.AddWithValue("now", now);
            alertIds.Add((long)(await alert.ExecuteScalarAsync())!);
        }

        return (mentionId, alertIds.ToArray());
    }

    /// <summary>A notice (an alert about a subject rather than a post), as <c>AlertRaiser</c> stores it.</summary>
    public static async Task<long> AddNoticeAsync(WebApp app, string team, string kind, string headline, string? link, bool urgent = false)
    {
        await using var insert = app.Database.CreateCommand(
            """
            insert into alerts (team, labels, urgent, raised_at, kind, subject, headline, details, link)
            values (@team, '{}', @urgent, @now, @kind, @subject, @headline, @details, @link) returning id
            """);
        insert.Parameters.AddWithValue("team", team);
        insert.Parameters.AddWithValue("urgent", urgent);
        insert.Parameters.AddWithValue("now", app.Clock.Now);
        insert.Parameters.AddWithValue("kind", kind);
        insert.Parameters.AddWithValue("subject", $"test:{Guid.NewGuid():N}");
        insert.Parameters.AddWithValue("headline", headline);
        insert.Parameters.AddWithValue("details", NoticeDetails);
        insert.Parameters.AddWithValue("link", NpgsqlTypes.NpgsqlDbType.Text, (object?)link ?? DBNull.Value);
        return (long)(await insert.ExecuteScalarAsync())!;
    }
}
