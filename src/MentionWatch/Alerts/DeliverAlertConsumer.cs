using MassTransit;
using MentionWatch.Contracts;
using MentionWatch.Routing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MentionWatch.Alerts;

/// <summary>
/// Delivers one alert on the channels of its team. On first delivery it decides once, from the team's office hours
/// and delivery mode, whether the alert goes now or waits for the team's digest (<see cref="DeliveryPlan"/>), and
/// stores its acknowledgement target. Each (alert, channel, round) has an idempotency key and a row in
/// <c>deliveries</c>: a redelivered message skips what was already sent. A failed channel is recorded with its
/// reason and the message retried by MassTransit, which then sends only what is still missing; a channel that has
/// failed <see cref="AlertDeliveryOptions.AttemptsBeforeFallback"/> times is given up (<c>abandoned</c>, audited)
/// and the team's next fallback channel is used instead.
/// </summary>
public sealed class DeliverAlertConsumer(
    NpgsqlDataSource dataSource,
    IEnumerable<IAlertChannel> channels,
    IOptions<RoutingOptions> routing,
    IOptions<AlertDeliveryOptions> delivery,
    TeamClock clock,
    AcknowledgeLinks acknowledgeLinks,
    TimeProvider time) : IConsumer<AlertRaised>
{
    public async Task Consume(ConsumeContext<AlertRaised> context)
    {
        var ct = context.CancellationToken;
        var round = context.Message.Round;
        var message = await LoadAsync(context.Message.AlertId, ct);
        if (message is null) return;
        var (plan, dueAt) = await PlanAsync(message, ct);
        if (round == 0 && plan == DeliveryPlan.Digest) return;

        var team = routing.Value.EffectiveTeams.TryGetValue(message.Team, out var t) ? t : new TeamSettings();
        var targets = team.Channels.Count > 0 ? team.Channels : [new ChannelTarget { Kind = "console" }];
        if (!team.AllowExcerpt) message = message with { Excerpt = null, PostUrl = null };
        message = WithTimings(message, dueAt);
        if (round > 0) message = message with { Headline = $"Not yet acknowledged (reminder {round}): {message.Headline}" };

        var failures = new List<string>();
        var owedFallbacks = 0;
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            if (target.Fallback)
            {
                if (owedFallbacks == 0) continue;
                owedFallbacks--;
            }

            var key = round == 0 ? $"alert-{message.AlertId}-{target.Kind}-{i}" : $"alert-{message.AlertId}-{target.Kind}-{i}-r{round}";
            await using var guard = await DeliveryGuard.TryAcquireAsync(dataSource, key, ct);
            if (guard is null) continue;
            var attempt = await ClaimAsync(message.AlertId, target.Kind, key, ct);
            if (attempt == AlreadySent) continue;
            if (attempt == GivenUp)
            {
                owedFallbacks++;
                continue;
            }

            var channel = channels.FirstOrDefault(c => c.Kind == target.Kind);
            try
            {
                if (channel is null) throw new InvalidOperationException($"no channel of kind '{target.Kind}' is configured");
                await channel.SendAsync(message, target, key, ct);
                await FinishAsync(key, "sent", null, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (attempt >= delivery.Value.AttemptsBeforeFallback)
                {
                    var next = targets.Skip(i + 1).FirstOrDefault(x => x.Fallback);
                    await AbandonAsync(message.AlertId, key, target.Kind, e.Message, next?.Kind);
                    owedFallbacks++;
                }
                else
                {
                    await FinishAsync(key, "failed", e.Message, ct);
                    failures.Add($"{target.Kind}: {e.Message}");
                }
            }
        }

        if (failures.Count > 0) throw new AlertDeliveryFailedException(message.AlertId, failures);
    }

    /// <summary>The acknowledgement target and link, shown in every message (the target as its first instruction).</summary>
    private AlertMessage WithTimings(AlertMessage message, DateTimeOffset? dueAt) => dueAt is not { } due ? message : message with
    {
        AcknowledgeBy = due,
        AcknowledgeLink = acknowledgeLinks.Create(message.AlertId),
        Instructions = [$"Acknowledge by {clock.Local(due)} (target: {clock.TargetInWords(message.Team, message.Urgent)}).", .. message.Instructions],
    };

    /// <summary>
    /// Decides once per alert whether it goes now, waits for the digest, or both, and stores its acknowledgement
    /// target; a held alert is audited. A digest itself always goes at once and has no target of its own.
    /// </summary>
    private async Task<(string Plan, DateTimeOffset? DueAt)> PlanAsync(AlertMessage message, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var plan = message.Kind == AlertKinds.Digest ? new DeliveryPlan(true, null) : clock.Plan(message.Team, message.Urgent, now);
        await using var command = dataSource.CreateCommand(
            """
            with planned as (
                update alerts set delivery_plan = @plan, digest_at = @digestAt,
                                  due_at = coalesce(due_at, @dueAt)
                where id = @id and delivery_plan is null
                returning id, delivery_plan, due_at),
            audited as (
                insert into audit_log (at, actor, action, entity_type, entity_id, detail)
                select @now, 'mentionwatch', 'alert.held', 'alert', id::text, 'out of hours: held for the digest at ' || @digestAtText
                from planned where delivery_plan = 'digest')
            select delivery_plan, due_at from planned
            union all
            select delivery_plan, due_at from alerts where id = @id and delivery_plan is not null
            """);
        command.Parameters.AddWithValue("id", message.AlertId);
        command.Parameters.AddWithValue("plan", plan.Name);
        command.Parameters.AddWithValue("digestAt", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)plan.DigestAt ?? DBNull.Value);
        command.Parameters.AddWithValue("digestAtText", plan.DigestAt is { } at ? clock.Local(at) : "");
        command.Parameters.AddWithValue("dueAt", NpgsqlTypes.NpgsqlDbType.TimestampTz,
            message.Kind == AlertKinds.Digest ? DBNull.Value : clock.AcknowledgeBy(message.Team, message.Urgent, message.RaisedAt));
        command.Parameters.AddWithValue("now", now);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) throw new InvalidOperationException($"Alert {message.AlertId} vanished while being planned.");
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    private const int AlreadySent = -1;
    private const int GivenUp = -2;

    /// <summary>
    /// Creates or reclaims the delivery row and counts the attempt: returns the attempt now starting (1, 2, …), or
    /// <see cref="AlreadySent"/>, or <see cref="GivenUp"/> for a channel abandoned on an earlier attempt.
    /// </summary>
    private async Task<int> ClaimAsync(long alertId, string kind, string key, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            with claimed as (
                insert into deliveries (alert_id, channel, idempotency_key, status, attempts, created_at)
                values (@alert, @kind, @key, 'sending', 1, @now)
                on conflict (idempotency_key) do update set attempts = deliveries.attempts + 1, status = 'sending'
                    where deliveries.status not in ('sent', 'abandoned')
                returning attempts)
            select attempts from claimed
            union all
            select case status when 'abandoned' then -2 else -1 end from deliveries
            where idempotency_key = @key and status in ('sent', 'abandoned')
            """);
        command.Parameters.AddWithValue("alert", alertId);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct) ?? AlreadySent, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Gives a channel up for this alert: the row keeps the last error, and the audit says what replaces it.</summary>
    private async Task AbandonAsync(long alertId, string key, string kind, string error, string? fallback)
    {
        await using var command = dataSource.CreateCommand(
            """
            with abandoned as (
                update deliveries set status = 'abandoned', last_error = @error where idempotency_key = @key returning id)
            insert into audit_log (at, actor, action, entity_type, entity_id, detail)
            select @now, 'mentionwatch', 'delivery.abandoned', 'alert', @alert::text, @detail from abandoned
            """);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("error", error);
        command.Parameters.AddWithValue("alert", alertId);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        command.Parameters.AddWithValue("detail", $"{kind} gave up after {delivery.Value.AttemptsBeforeFallback} attempts ({error}); "
            + (fallback is null ? "no fallback channel left" : $"falling back to {fallback}"));
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private async Task FinishAsync(string key, string status, string? error, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "update deliveries set status = @status, last_error = @error, delivered_at = case when @status = 'sent' then @now else null end where idempotency_key = @key");
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("error", NpgsqlTypes.NpgsqlDbType.Text, (object?)error ?? DBNull.Value);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private async Task<AlertMessage?> LoadAsync(long alertId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            select a.mention_id, a.team, a.labels, a.urgent, m.platform, m.posted_at, m.text, m.url,
                   coalesce((select v.reasons from verdicts v where v.mention_id = m.id order by v.id desc limit 1), '{}'),
                   a.kind, a.headline, a.details, a.link, a.raised_at
            from alerts a left join mentions m on m.id = a.mention_id where a.id = @id
            """);
        command.Parameters.AddWithValue("id", alertId);
        await using var r = await command.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var team = r.GetString(1);
        var urgent = r.GetBoolean(3);
        if (r.GetString(9) != AlertKinds.Mention)
        {
            return new AlertMessage
            {
                AlertId = alertId,
                MentionId = r.IsDBNull(0) ? null : r.GetInt64(0),
                Team = team,
                Labels = [],
                Urgent = urgent,
                Kind = r.GetString(9),
                RaisedAt = r.GetFieldValue<DateTimeOffset>(13),
                Headline = r.GetString(10),
                Reasons = r.GetFieldValue<string[]>(11),
                Link = new Uri(routing.Value.PublicBaseAddress, r.IsDBNull(12) ? "" : r.GetString(12)).ToString(),
            };
        }

        var labels = r.GetFieldValue<string[]>(2);
        var mentionId = r.GetInt64(0);
        var text = r.GetString(6);
        return new AlertMessage
        {
            AlertId = alertId,
            MentionId = mentionId,
            Team = team,
            Labels = labels,
            Urgent = urgent,
            RaisedAt = r.GetFieldValue<DateTimeOffset>(13),
            Headline = AlertWording.Headline(labels, urgent),
            Instructions = AlertWording.Instructions(labels, urgent),
            Reasons = r.GetFieldValue<string[]>(8),
            Platform = r.GetString(4),
            PostedAt = new DateTimeOffset(r.GetDateTime(5), TimeSpan.Zero),
            Link = new Uri(routing.Value.PublicBaseAddress, $"mentions/{mentionId}").ToString(),
            Excerpt = text.Length > 280 ? text[..280] + "…" : text,
            PostUrl = r.IsDBNull(7) ? null : r.GetString(7),
        };
    }
}
