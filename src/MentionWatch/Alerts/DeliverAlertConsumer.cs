using MassTransit;
using MentionWatch.Contracts;
using MentionWatch.Routing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MentionWatch.Alerts;

/// <summary>
/// Delivers one alert on every channel of its team. Each (alert, channel) has an idempotency key and a row in
/// <c>deliveries</c>: a redelivered message skips what was already sent. A failed channel is recorded with its
/// reason and the message is retried by MassTransit, which then sends only what is still missing.
/// </summary>
public sealed class DeliverAlertConsumer(
    NpgsqlDataSource dataSource,
    IEnumerable<IAlertChannel> channels,
    IOptions<RoutingOptions> routing,
    TimeProvider time) : IConsumer<AlertRaised>
{
    public async Task Consume(ConsumeContext<AlertRaised> context)
    {
        var ct = context.CancellationToken;
        var message = await LoadAsync(context.Message.AlertId, ct);
        if (message is null) return;
        var team = routing.Value.EffectiveTeams.TryGetValue(message.Team, out var t) ? t : new TeamSettings();
        var targets = team.Channels.Count > 0 ? team.Channels : [new ChannelTarget { Kind = "console" }];
        if (!team.AllowExcerpt) message = message with { Excerpt = null, PostUrl = null };

        var failures = new List<string>();
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            var key = $"alert-{message.AlertId}-{target.Kind}-{i}";
            if (!await ClaimAsync(message.AlertId, target.Kind, key, ct)) continue;
            var channel = channels.FirstOrDefault(c => c.Kind == target.Kind);
            try
            {
                if (channel is null) throw new InvalidOperationException($"no channel of kind '{target.Kind}' is configured");
                await channel.SendAsync(message, target, key, ct);
                await FinishAsync(key, "sent", null, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await FinishAsync(key, "failed", e.Message, ct);
                failures.Add($"{target.Kind}: {e.Message}");
            }
        }

        if (failures.Count > 0) throw new AlertDeliveryFailedException(message.AlertId, failures);
    }

    /// <summary>Creates or reclaims the delivery row; false when it was already sent.</summary>
    private async Task<bool> ClaimAsync(long alertId, string kind, string key, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            insert into deliveries (alert_id, channel, idempotency_key, status, attempts, created_at)
            values (@alert, @kind, @key, 'sending', 1, @now)
            on conflict (idempotency_key) do update set attempts = deliveries.attempts + 1, status = 'sending'
                where deliveries.status <> 'sent'
            returning id
            """);
        command.Parameters.AddWithValue("alert", alertId);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        return await command.ExecuteScalarAsync(ct) is not null;
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
                   a.kind, a.headline, a.details, a.link
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
