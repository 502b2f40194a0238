using MassTransit;
using MentionWatch.Contracts;
using Npgsql;

namespace MentionWatch.Alerts;

/// <summary>
/// Raises notices (<see cref="Notice"/>) on the alert path. Safe to call on every run of a job: the alert is
/// unique per (subject, team) and is published for delivery while none of its deliveries exists yet, so a
/// publish lost to a broker outage is made good by the next call, and delivery itself is idempotent.
/// </summary>
public sealed class AlertRaiser(NpgsqlDataSource dataSource, IPublishEndpoint publisher, TimeProvider time)
{
    /// <returns>The alert's id and whether this call raised it (false: it existed already).</returns>
    public async Task<(long AlertId, bool Raised)> RaiseNoticeAsync(Notice notice, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(notice.Subject);
        if (notice.Kind == AlertKinds.Mention) throw new ArgumentException("A notice is not a mention alert.", nameof(notice));

        await using var command = dataSource.CreateCommand(
            """
            with raised as (
                insert into alerts (mention_id, team, labels, urgent, raised_at, kind, subject, headline, details, link, story_copies)
                values (@mention, @team, '{}', @urgent, @now, @kind, @subject, @headline, @details, @link, @copies)
                on conflict (subject, team) where subject is not null do nothing
                returning id),
            audited as (
                insert into audit_log (at, actor, action, entity_type, entity_id, detail)
                select @now, 'mentionwatch', 'alert.raised', 'alert', id::text, @kind || ' for team ' || @team || ': ' || @subject from raised)
            select id, true as raised, false as delivered from raised
            union all
            select a.id, false, exists (select 1 from deliveries d where d.alert_id = a.id)
            from alerts a where a.subject = @subject and a.team = @team
            """);
        command.Parameters.AddWithValue("mention", NpgsqlTypes.NpgsqlDbType.Bigint, (object?)notice.MentionId ?? DBNull.Value);
        command.Parameters.AddWithValue("team", notice.Team);
        command.Parameters.AddWithValue("urgent", notice.Urgent);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        command.Parameters.AddWithValue("kind", notice.Kind);
        command.Parameters.AddWithValue("subject", notice.Subject);
        command.Parameters.AddWithValue("headline", notice.Headline);
        command.Parameters.AddWithValue("details", notice.Details.ToArray());
        command.Parameters.AddWithValue("link", NpgsqlTypes.NpgsqlDbType.Text, (object?)notice.Link ?? DBNull.Value);
        command.Parameters.AddWithValue("copies", NpgsqlTypes.NpgsqlDbType.Integer, (object?)notice.StoryCopies ?? DBNull.Value);
        long id;
        bool raised, delivered;
        // Disposed once, at the end of this block: Npgsql reuses a connection's reader object, so disposing it a
        // second time later (an explicit DisposeAsync plus "await using") closes whichever command has the pooled
        // connection by then.
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            // Another instance raising the same notice at this instant: its transaction owns it; the next run publishes if needed.
            if (!await reader.ReadAsync(cancellationToken)) throw new InvalidOperationException($"Notice {notice.Subject} for team {notice.Team} is being raised concurrently; try again.");
            id = reader.GetInt64(0);
            raised = reader.GetBoolean(1);
            delivered = reader.GetBoolean(2);
        }

        if (!delivered) await publisher.Publish(new AlertRaised { AlertId = id }, cancellationToken);
        return (id, raised);
    }
}
