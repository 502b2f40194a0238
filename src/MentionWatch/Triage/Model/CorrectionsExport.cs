using System.Text.Json;
using MentionWatch.Mentions;
using Npgsql;

namespace MentionWatch.Triage.Model;

/// <summary>
/// Writes every mention a member of staff reclassified in the web app, with that person's latest verdict and reason,
/// as a labelled set in the corpus format (<c>writer</c> "staff-corrections"), so the next <c>triage train</c> learns
/// from them. The posts are real people's personal data: the set stays with the trust that made it (never committed
/// to a shared repository) and falls under the same retention as the mentions.
/// </summary>
public static class CorrectionsExport
{
    public const string Writer = "staff-corrections";
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <returns>How many corrections were written.</returns>
    public static async Task<int> WriteAsync(NpgsqlDataSource dataSource, TextWriter output, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            select m.id, m.platform, m.posted_at, m.url, m.author_handle, m.author_display_name, m.author_description,
                   m.author_created_at, m.author_verified, m.text, m.lang, m.in_reply_to, h.labels, h.urgent, h.reasons, h.decided_by
            from mentions m
            join lateral (select labels, urgent, reasons, decided_by from verdicts v
                          where v.mention_id = m.id and v.decided_by is not null order by v.id desc limit 1) h on true
            order by m.id
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var written = 0;
        while (await reader.ReadAsync(ct))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            var labels = reader.GetFieldValue<string[]>(12);
            var urgent = reader.GetBoolean(13);
            var mention = new MentionJson
            {
                Id = $"correction-{reader.GetInt64(0)}",
                Platform = reader.GetString(1),
                PostedAt = reader.GetFieldValue<DateTimeOffset>(2),
                Url = Text(3),
                Author = new AuthorJson
                {
                    Handle = Text(4), DisplayName = Text(5), Description = Text(6),
                    CreatedAt = reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7), Verified = reader.GetBoolean(8),
                },
                Text = reader.GetString(9),
                Lang = Text(10),
                InReplyTo = Text(11),
                // Urgent only with distress, as the corpus format has it.
                Expected = new ExpectedJson
                {
                    Labels = urgent && !labels.Contains(Labels.Distress) ? [.. labels, Labels.Distress] : labels,
                    Urgent = urgent,
                    Why = $"reclassified by staff: {string.Join("; ", reader.GetFieldValue<string[]>(14))}",
                },
                Writer = Writer,
            };
            await output.WriteLineAsync(JsonSerializer.Serialize(mention, Json));
            written++;
        }

        return written;
    }
}
