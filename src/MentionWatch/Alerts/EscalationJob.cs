using MassTransit;
using MentionWatch.Contracts;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace MentionWatch.Alerts;

/// <summary>
/// Urgent mention alerts not acknowledged within <see cref="AlertDeliveryOptions.EscalateAfter"/> are re-sent to
/// their team and escalated to the next of <see cref="AlertDeliveryOptions.EscalationContacts"/>, and again after
/// each further interval, until someone acknowledges that alert or one of its own escalation notices. Acknowledging
/// another team's alert about the same post does not stop it: SPA's crisis alert escalates until SPA (or the on-call
/// chain it escalated to) has seen it, whoever else has. There is no last step: the last contact is told again at
/// every further interval.
/// </summary>
/// <remarks>
/// Step n falls due at raised_at + n × EscalateAfter. Its effects are idempotent (the notice is unique per
/// alert and step, the re-send has idempotency keys per round) and the step is recorded only after them, by a
/// conditional update, so a crash repeats a step harmlessly and never skips one, and two instances taking the same
/// step record it once. No row lock is held while publishing, so the consumer delivering a re-send (whose delivery
/// row references the alert) never waits on this job.
/// </remarks>
[DisallowConcurrentExecution]
public sealed class EscalationJob(NpgsqlDataSource dataSource, AlertRaiser raiser, IPublishEndpoint publisher, IOptions<AlertDeliveryOptions> options, TimeProvider time) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    /// <summary>Takes every escalation step that is due; returns how many it took.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var after = options.Value.EscalateAfter;
        var contacts = options.Value.EscalationContacts;
        var due = new List<(long Id, string Team, long MentionId, int Level, DateTimeOffset RaisedAt)>();
        await using (var select = dataSource.CreateCommand(
            """
            select a.id, a.team, a.mention_id, a.escalation_level, a.raised_at from alerts a
            where a.kind = 'mention' and a.urgent and a.acknowledged_at is null and a.state <> 'closed'
              and a.raised_at + (a.escalation_level + 1) * @after <= @now
              and not exists (select 1 from alerts o where o.acknowledged_at is not null
                              and o.kind = 'escalation' and o.subject like 'escalation:alert:' || a.id || ':%')
            order by a.id limit 500
            """))
        {
            select.Parameters.AddWithValue("after", after);
            select.Parameters.AddWithValue("now", now);
            await using var r = await select.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) due.Add((r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetInt32(3), r.GetFieldValue<DateTimeOffset>(4)));
        }

        foreach (var alert in due)
        {
            var step = alert.Level + 1;
            var contact = contacts.Count == 0 ? null : contacts[Math.Min(alert.Level, contacts.Count - 1)];
            var minutes = (int)(now - alert.RaisedAt).TotalMinutes;
            if (contact is not null)
            {
                await raiser.RaiseNoticeAsync(new Notice
                {
                    // No MentionId: alerts are unique per (mention, team), and the contact may have the mention's own alert.
                    Team = contact, Kind = AlertKinds.Escalation, Urgent = true,
                    Subject = $"escalation:alert:{alert.Id}:{step}",
                    Headline = $"Escalation: urgent alert not acknowledged for {minutes} minutes — open MentionWatch",
                    Details =
                    [
                        $"Urgent alert #{alert.Id} for team {alert.Team} has not been acknowledged (escalation step {step}).",
                        "Possible immediate risk to life: tell the person to call 999 at once (policy 004 §2.3.3).",
                        "Acknowledge this notice or the alert to stop the escalation.",
                    ],
                    Link = $"mentions/{alert.MentionId}",
                }, ct);
            }

            await publisher.Publish(new AlertRaised { AlertId = alert.Id, Round = step }, ct);
            await using var record = dataSource.CreateCommand(
                """
                with stepped as (update alerts set escalation_level = @step where id = @id and escalation_level = @level returning id)
                insert into audit_log (at, actor, action, entity_type, entity_id, detail)
                select @now, 'mentionwatch', 'alert.escalated', 'alert', id::text, @detail from stepped
                """);
            record.Parameters.AddWithValue("id", alert.Id);
            record.Parameters.AddWithValue("step", step);
            record.Parameters.AddWithValue("level", alert.Level);
            record.Parameters.AddWithValue("now", now);
            record.Parameters.AddWithValue("detail", $"step {step} after {minutes} minutes unacknowledged: re-sent to team {alert.Team}"
                + (contact is null ? "; no escalation contact configured" : $"; escalated to {contact}"));
            await record.ExecuteNonQueryAsync(ct);
        }

        return due.Count;
    }
}
