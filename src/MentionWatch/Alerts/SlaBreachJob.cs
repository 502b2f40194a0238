using MentionWatch.Routing;
using Npgsql;
using Quartz;

namespace MentionWatch.Alerts;

/// <summary>
/// Finds alerts still unacknowledged at their acknowledgement target (<c>due_at</c>), tells the team's lead
/// (<see cref="TeamSettings.Lead"/>, or the team itself) with a notice, and records the breach on the alert.
/// The notice is raised before the breach is recorded and is unique per alert, so a crash repeats it harmlessly.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SlaBreachJob(NpgsqlDataSource dataSource, AlertRaiser raiser, TeamClock clock, TimeProvider time) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    /// <summary>Raises a notice for every new breach; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var breached = new List<(long Id, string Team, long? MentionId, bool Urgent, DateTimeOffset DueAt, string Kind)>();
        await using (var select = dataSource.CreateCommand(
            $"""
            select id, team, mention_id, urgent, due_at, kind from alerts
            where due_at <= @now and acknowledged_at is null and sla_breached_at is null and state <> 'closed'
              and {SlaFigures.CountedKinds}
            order by id limit 500
            """))
        {
            select.Parameters.AddWithValue("now", now);
            await using var r = await select.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                breached.Add((r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt64(2), r.GetBoolean(3), r.GetFieldValue<DateTimeOffset>(4), r.GetString(5)));
        }

        foreach (var alert in breached)
        {
            var lead = clock.Settings(alert.Team).Lead ?? alert.Team;
            await raiser.RaiseNoticeAsync(new Notice
            {
                // No MentionId: alerts are unique per (mention, team), and the lead may be the team that has the mention's alert.
                Team = lead, Kind = AlertKinds.SlaBreach, Urgent = alert.Urgent,
                Subject = $"sla-breach:alert:{alert.Id}",
                Headline = $"Missed target: {alert.Team} alert #{alert.Id} not acknowledged by {clock.Local(alert.DueAt)} — open MentionWatch",
                Details =
                [
                    $"Team {alert.Team}'s target is {clock.TargetInWords(alert.Team, alert.Kind, alert.Urgent)}; alert #{alert.Id} ({alert.Kind.Replace('_', ' ')}) was due by {clock.Local(alert.DueAt)}.",
                    "Make sure someone in the team has it, then acknowledge it.",
                ],
                Link = alert.MentionId is { } m ? $"mentions/{m}" : $"alerts/{alert.Id}",
            }, ct);

            await using var record = dataSource.CreateCommand(
                """
                with recorded as (update alerts set sla_breached_at = due_at where id = @id and sla_breached_at is null returning id)
                insert into audit_log (at, actor, action, entity_type, entity_id, detail)
                select @now, 'mentionwatch', 'alert.sla_breached', 'alert', id::text, @detail from recorded
                """);
            record.Parameters.AddWithValue("id", alert.Id);
            record.Parameters.AddWithValue("now", now);
            record.Parameters.AddWithValue("detail", $"not acknowledged by {alert.DueAt:O}; lead {lead} told");
            await record.ExecuteNonQueryAsync(ct);
        }

        return breached.Count;
    }
}
