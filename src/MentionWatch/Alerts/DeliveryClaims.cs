using Npgsql;

namespace MentionWatch.Alerts;

/// <summary>What <see cref="DeliveryClaims.ClaimAsync"/> found for one delivery.</summary>
public enum ClaimOutcome
{
    /// <summary>Claimed: this attempt may send.</summary>
    Claimed,

    /// <summary>Already sent: nothing to do.</summary>
    AlreadySent,

    /// <summary>Given up on an earlier attempt: the team's fallback channel takes over.</summary>
    GivenUp,

    /// <summary>Another attempt holds a live lease: it is sending now, or died less than a lease ago. Try again later.</summary>
    Busy,
}

/// <summary>A claim on one delivery: the attempt it starts, and whether an earlier attempt was cut off mid-send.</summary>
/// <param name="InDoubt">
/// True when the delivery was still marked <c>sending</c>: an earlier attempt claimed it and never recorded how its send
/// ended (its process died, or the database went down after the send). It may have gone.
/// </param>
public readonly record struct DeliveryClaim(ClaimOutcome Outcome, int Attempt, bool InDoubt);

/// <summary>
/// The <c>deliveries</c> rows: a delivery is claimed (a lease, committed) before its send and marked sent or failed
/// after it, in statements of their own, so no connection or transaction is held while a channel sends. A claim
/// names its attempt by a token: the process that made it can take it over at once (its record failed), any other
/// only after the lease has run out (its holder died). Audit rows are written in the same statement as the change.
/// </summary>
public sealed class DeliveryClaims(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>
    /// Claims the delivery <paramref name="key"/> for <paramref name="lease"/>: creates its row, or takes over one that
    /// failed, whose lease ran out, or that <paramref name="token"/> already holds. Counts the attempt.
    /// </summary>
    public async Task<DeliveryClaim> ClaimAsync(long alertId, string kind, string key, Guid token, TimeSpan lease, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // "before" reads the row as the statement found it: a claim taken over from 'sending' is in doubt.
        await using var command = dataSource.CreateCommand(
            """
            with before as (select status from deliveries where idempotency_key = @key),
            claimed as (
                insert into deliveries (alert_id, channel, idempotency_key, status, attempts, created_at, claim_token, lease_until)
                values (@alert, @kind, @key, 'sending', 1, @now, @token, @until)
                on conflict (idempotency_key) do update
                    set attempts = deliveries.attempts + 1, status = 'sending', claim_token = @token, lease_until = @until
                    where deliveries.status not in ('sent', 'abandoned')
                      and (deliveries.status <> 'sending' or deliveries.claim_token = @token
                           or coalesce(deliveries.lease_until, '-infinity') <= @now)
                returning attempts)
            select attempts, coalesce((select status from before), '') from claimed
            union all
            select 0, status from deliveries where idempotency_key = @key and not exists (select 1 from claimed)
            """);
        command.Parameters.AddWithValue("alert", alertId);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("token", token);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("until", now + lease);
        await using var reader = await command.ExecuteReaderAsync(ct);
        // No row: another attempt inserted it after this statement's snapshot, and holds it.
        if (!await reader.ReadAsync(ct)) return new DeliveryClaim(ClaimOutcome.Busy, 0, false);
        var attempt = reader.GetInt32(0);
        var status = reader.GetString(1);
        if (attempt > 0) return new DeliveryClaim(ClaimOutcome.Claimed, attempt, status == "sending");
        return new DeliveryClaim(status switch { "sent" => ClaimOutcome.AlreadySent, "abandoned" => ClaimOutcome.GivenUp, _ => ClaimOutcome.Busy }, 0, false);
    }

    /// <summary>Marks the delivery sent; <paramref name="audit"/>, when given, is written with it (action, detail).</summary>
    public Task MarkSentAsync(long alertId, string key, (string Action, string Detail)? audit = null) =>
        FinishAsync(alertId, key, "sent", null, audit);

    /// <summary>Marks the delivery failed with its reason: it may be claimed again at once.</summary>
    public Task MarkFailedAsync(long alertId, string key, string error) => FinishAsync(alertId, key, "failed", error, null);

    /// <summary>Gives a channel up for this alert: the row keeps the last error, and the audit says what replaces it.</summary>
    public Task AbandonAsync(long alertId, string key, string error, string detail) =>
        FinishAsync(alertId, key, "abandoned", error, ("delivery.abandoned", detail));

    /// <summary>Writes an audit row about a delivery (e.g. one sent again after an attempt was cut off).</summary>
    public async Task AuditAsync(long alertId, string action, string detail, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "insert into audit_log (at, actor, action, entity_type, entity_id, detail) values (@now, 'mentionwatch', @action, 'alert', @alert::text, @detail)");
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        command.Parameters.AddWithValue("action", action);
        command.Parameters.AddWithValue("alert", alertId);
        command.Parameters.AddWithValue("detail", detail);
        await command.ExecuteNonQueryAsync(ct);
    }

    // Not cancellable: once a send has happened, its record is written even while the consumer is being stopped.
    private async Task FinishAsync(long alertId, string key, string status, string? error, (string Action, string Detail)? audit)
    {
        await using var command = dataSource.CreateCommand(
            """
            with finished as (
                update deliveries set status = @status, last_error = @error, lease_until = null,
                                      delivered_at = case when @status = 'sent' then @now else null end
                where idempotency_key = @key
                returning id)
            insert into audit_log (at, actor, action, entity_type, entity_id, detail)
            select @now, 'mentionwatch', @action, 'alert', @alert::text, @detail from finished where @action <> ''
            """);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("error", NpgsqlTypes.NpgsqlDbType.Text, (object?)error ?? DBNull.Value);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("alert", alertId);
        command.Parameters.AddWithValue("action", audit?.Action ?? "");
        command.Parameters.AddWithValue("detail", audit?.Detail ?? "");
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
