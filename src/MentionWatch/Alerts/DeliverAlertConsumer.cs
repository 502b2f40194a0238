using MassTransit;
using MentionWatch.Contracts;
using MentionWatch.Metrics;
using MentionWatch.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MentionWatch.Alerts;

/// <summary>
/// Delivers one alert on the channels of its team. On first delivery it decides once, from the team's office hours
/// and delivery mode, whether the alert goes now or waits for the team's digest (<see cref="DeliveryPlan"/>), and
/// stores its acknowledgement target. Each (alert, channel, round) is one delivery with a stable id, sent with it
/// (<see cref="IAlertChannel"/>), and a row in <c>deliveries</c>, claimed for a lease before the send and marked sent
/// after it (<see cref="DeliveryClaims"/>): no connection is held across a send, and a redelivered message sends only
/// what is still missing. A delivery whose earlier attempt was cut off mid-send is checked with its channel before it
/// goes again (audited either way). A failed channel is recorded with its reason and the message retried by
/// MassTransit; a channel that has failed <see cref="AlertDeliveryOptions.AttemptsBeforeFallback"/> times is given up
/// (<c>abandoned</c>, audited) and the team's next fallback channel is used instead.
/// </summary>
public sealed class DeliverAlertConsumer(
    NpgsqlDataSource dataSource,
    DeliveryClaims claims,
    DeliveryLedger ledger,
    IEnumerable<IAlertChannel> channels,
    IOptions<RoutingOptions> routing,
    IOptions<AlertDeliveryOptions> delivery,
    TeamClock clock,
    AcknowledgeLinks acknowledgeLinks,
    MentionWatchMetrics metrics,
    TimeProvider time,
    ILogger<DeliverAlertConsumer> logger) : IConsumer<AlertRaised>
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
            var (outcome, reason) = await DeliverAsync(message, target, key, targets.Skip(i + 1).FirstOrDefault(x => x.Fallback)?.Kind, ct);
            if (outcome == Outcome.TryAgain) failures.Add($"{target.Kind}: {reason}");
            if (outcome == Outcome.GivenUp) owedFallbacks++;
        }

        if (failures.Count > 0) throw new AlertDeliveryFailedException(message.AlertId, failures);
    }

    private enum Outcome
    {
        Sent,
        GivenUp,
        TryAgain,
    }

    /// <summary>
    /// One delivery: claim, send (or confirm that an interrupted send went), record. Sent (now or before), given up
    /// (the fallback takes over), or to be tried again, with the reason.
    /// </summary>
    private async Task<(Outcome, string?)> DeliverAsync(AlertMessage message, ChannelTarget target, string key, string? fallback, CancellationToken ct)
    {
        if (!ledger.TryBegin(key, out var token, out var sentEarlier)) return (Outcome.TryAgain, "being sent by another message for the same alert");
        var recorded = false;
        try
        {
            var claim = await claims.ClaimAsync(message.AlertId, target.Kind, key, token, delivery.Value.DeliveryLease, ct);
            switch (claim.Outcome)
            {
                case ClaimOutcome.AlreadySent:
                    recorded = true;
                    return (Outcome.Sent, null);
                case ClaimOutcome.GivenUp:
                    recorded = true;
                    return (Outcome.GivenUp, null);
                case ClaimOutcome.Busy:
                    recorded = true;
                    return (Outcome.TryAgain, "being sent by another worker (or one that stopped mid-send less than a claim's lease ago)");
            }

            var channel = channels.FirstOrDefault(c => c.Kind == target.Kind);
            if (sentEarlier)
            {
                // This process sent it, and the database failed before that was written down.
                await claims.MarkSentAsync(message.AlertId, key, ("delivery.recorded-late",
                    $"{target.Kind} delivery {key} went, but the database could not record it then; recorded now, not sent again"));
                recorded = true;
                return (Outcome.Sent, null);
            }

            if (claim.InDoubt && channel is not null && await AlreadyWentAsync(channel, message.AlertId, target, key, ct))
            {
                recorded = true;
                return (Outcome.Sent, null);
            }

            try
            {
                if (channel is null) throw new InvalidOperationException($"no channel of kind '{target.Kind}' is configured");
                using var limit = new CancellationTokenSource(delivery.Value.SendLimit, time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, limit.Token);
                await channel.SendAsync(message, target, key, linked.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                metrics.DeliveryFailed(target.Kind);
                if (claim.Attempt >= delivery.Value.AttemptsBeforeFallback)
                {
                    await claims.AbandonAsync(message.AlertId, key, e.Message, $"{target.Kind} gave up after {delivery.Value.AttemptsBeforeFallback} attempts ({e.Message}); "
                        + (fallback is null ? "no fallback channel left" : $"falling back to {fallback}"));
                    recorded = true;
                    return (Outcome.GivenUp, null);
                }

                await claims.MarkFailedAsync(message.AlertId, key, e.Message);
                recorded = true;
                return (Outcome.TryAgain, e.Message);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                metrics.DeliveryFailed(target.Kind);
                // Cut off at the send limit, so that it ends before its lease: it may have gone. The claim stays
                // 'sending', and the retry checks with the channel before sending again.
                return (Outcome.TryAgain, $"the send took longer than {delivery.Value.SendLimit.TotalSeconds:0} s and was cut off");
            }

            metrics.DeliverySent(target.Kind);
            ledger.MarkSent(key);
            await claims.MarkSentAsync(message.AlertId, key);
            recorded = true;
            return (Outcome.Sent, null);
        }
        finally
        {
            ledger.End(key, recorded);
        }
    }

    /// <summary>
    /// For a delivery whose earlier attempt was cut off mid-send: asks its channel whether it went. True (recorded as
    /// sent and audited) when it did; false when it did not or the channel cannot tell, audited in the second case,
    /// as the delivery then goes again with the same id and only a receiver that honours the id drops the copy.
    /// </summary>
    private async Task<bool> AlreadyWentAsync(IAlertChannel channel, long alertId, ChannelTarget target, string key, CancellationToken ct)
    {
        DeliveryCheck check;
        try
        {
            check = await channel.CheckAsync(key, target, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.DeliveryCheckFailed(logger, key, e.Message);
            check = DeliveryCheck.Unknown;
        }

        switch (check)
        {
            case DeliveryCheck.Sent:
                await claims.MarkSentAsync(alertId, key, ("delivery.confirmed",
                    $"{target.Kind} delivery {key}: an earlier attempt was cut off mid-send; the channel says it went, so it was not sent again"));
                return true;
            case DeliveryCheck.Unknown:
                Log.DeliveryResent(logger, key, target.Kind);
                await claims.AuditAsync(alertId, "delivery.resent",
                    $"{target.Kind} delivery {key}: an earlier attempt was cut off mid-send and the channel cannot say whether it went; sent again with the same delivery id, which the receiver can use to drop a copy", ct);
                return false;
            default:
                return false;
        }
    }

    /// <summary>The acknowledgement target and link, shown in every message (the target as its first instruction).</summary>
    private AlertMessage WithTimings(AlertMessage message, DateTimeOffset? dueAt) => dueAt is not { } due ? message : message with
    {
        AcknowledgeBy = due,
        AcknowledgeLink = acknowledgeLinks.Create(message.AlertId),
        Instructions = [$"Acknowledge by {clock.Local(due)} (target: {clock.TargetInWords(message.Team, message.Kind, message.Urgent)}).", .. message.Instructions],
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
            message.Kind == AlertKinds.Digest ? DBNull.Value : clock.AcknowledgeBy(message.Team, message.Kind, message.Urgent, message.RaisedAt));
        command.Parameters.AddWithValue("now", now);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) throw new InvalidOperationException($"Alert {message.AlertId} vanished while being planned.");
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
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
