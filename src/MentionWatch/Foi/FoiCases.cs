using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace MentionWatch.Foi;

/// <summary>
/// Opens FOI cases: from a post classified <c>foi_request</c> (inside the classify consumer's transaction) or by
/// hand. One case per mention, never two: the insert is keyed on the mention, so a redelivered message, or two
/// consumers racing on the same mention, find the case already there.
/// </summary>
public sealed class FoiCases(FoiClock clock, TimeProvider time, ILogger<FoiCases> logger)
{
    /// <summary>The actor recorded when MentionWatch itself opens a case.</summary>
    public const string SystemActor = "mentionwatch";

    /// <summary>
    /// Opens the case for <paramref name="mentionId"/> in the caller's transaction, received at the post's
    /// <c>posted_at</c> (never when it was first seen). Returns the case id, new or existing; null if the mention is gone.
    /// </summary>
    public async Task<long?> OpenForMentionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long mentionId, CancellationToken ct)
    {
        DateTimeOffset postedAt;
        await using (var load = new NpgsqlCommand("select posted_at from mentions where id = @id", connection, transaction))
        {
            load.Parameters.AddWithValue("id", mentionId);
            if (await load.ExecuteScalarAsync(ct) is not DateTime posted)
            {
                return null;
            }

            postedAt = new DateTimeOffset(DateTime.SpecifyKind(posted, DateTimeKind.Utc));
        }

        var opened = await InsertAsync(connection, transaction, mentionId, postedAt, null, null, SystemActor, "classified foi_request", ct);
        if (opened is not null)
        {
            return opened;
        }

        await using var existing = new NpgsqlCommand("select id from foi_cases where mention_id = @id", connection, transaction);
        existing.Parameters.AddWithValue("id", mentionId);
        return (long?)await existing.ExecuteScalarAsync(ct);
    }

    /// <summary>Inserts a case with its first history entry and audit row; null when the mention already has one.</summary>
    internal async Task<long?> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long? mentionId, DateTimeOffset receivedAt,
        string? requester, string? summary, string actor, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var receivedOn = clock.ReceivedOn(receivedAt);
        var due = clock.DueDate(receivedOn);
        await using var insert = new NpgsqlCommand(
            """
            with opened as (
                insert into foi_cases (mention_id, received_at, received_on, clock_started_on, due_date, original_due_date, state,
                                       requester, summary, opened_by, opened_at, updated_at)
                values (@mention, @received_at, @received_on, @received_on, @due, @due, 'open', @requester, @summary, @actor, @now, @now)
                on conflict (mention_id) where mention_id is not null do nothing
                returning id),
            history as (
                insert into foi_case_events (case_id, at, occurred_at, actor, action, from_state, to_state, due_date, reason)
                select id, @now, @received_at, @actor, 'open', null, 'open', @due, @reason from opened),
            audited as (
                insert into audit_log (at, actor, action, entity_type, entity_id, detail)
                select @now, @actor, 'foi_case.opened', 'foi_case', id::text,
                       'received ' || @received_on::text || ', due ' || @due::text || ': ' || @reason from opened)
            select id from opened
            """, connection, transaction);
        insert.Parameters.AddWithValue("mention", NpgsqlDbType.Bigint, (object?)mentionId ?? DBNull.Value);
        insert.Parameters.AddWithValue("received_at", receivedAt.ToUniversalTime());
        insert.Parameters.AddWithValue("received_on", receivedOn);
        insert.Parameters.AddWithValue("due", due);
        insert.Parameters.AddWithValue("requester", NpgsqlDbType.Text, (object?)requester ?? DBNull.Value);
        insert.Parameters.AddWithValue("summary", NpgsqlDbType.Text, (object?)summary ?? DBNull.Value);
        insert.Parameters.AddWithValue("actor", actor);
        insert.Parameters.AddWithValue("reason", reason);
        insert.Parameters.AddWithValue("now", now);
        var id = (long?)await insert.ExecuteScalarAsync(ct);
        if (id is not null)
        {
            Log.CaseOpened(logger, id.Value, mentionId, due);
        }

        return id;
    }
}
