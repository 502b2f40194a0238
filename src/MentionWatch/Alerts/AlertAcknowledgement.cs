using Npgsql;

namespace MentionWatch.Alerts;

/// <summary>
/// Records that a person has seen an alert: who, when and how (web page or signed link), once; audited. An
/// acknowledged alert stops escalating and stops its acknowledgement clock. The "no public reply until the action
/// is agreed" hold is a separate state, cleared by the team (see the web app's alert actions).
/// </summary>
public sealed class AlertAcknowledgement(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>The outcome: whether this call acknowledged it, and who had (for a second acknowledgement, the first person).</summary>
    public sealed record Outcome(bool Found, bool Acknowledged, string? By, DateTimeOffset? At);

    public async Task<Outcome> AcknowledgeAsync(long alertId, string actor, string via, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var command = dataSource.CreateCommand(
            """
            with acknowledged as (
                update alerts set acknowledged_by = @actor, acknowledged_at = @now,
                                  state = case when state = 'open' then 'acknowledged' else state end
                where id = @id and acknowledged_at is null
                returning id),
            audited as (
                insert into audit_log (at, actor, action, entity_type, entity_id, detail)
                select @now, @actor, 'alert.acknowledged', 'alert', id::text, 'via ' || @via from acknowledged)
            select true, @actor, @now from acknowledged
            union all
            select false, acknowledged_by, acknowledged_at from alerts where id = @id
            """);
        command.Parameters.AddWithValue("id", alertId);
        command.Parameters.AddWithValue("actor", actor);
        command.Parameters.AddWithValue("via", via);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return new Outcome(false, false, null, null);
        return new Outcome(true, reader.GetBoolean(0), reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2));
    }
}
