using MassTransit;
using MentionWatch.Contracts;
using MentionWatch.Foi;
using MentionWatch.Routing;
using MentionWatch.Triage;
using Npgsql;

namespace MentionWatch.Alerts;

/// <summary>
/// Classifies a stored mention, stores the verdict, raises one alert per routed team, then publishes
/// <see cref="AlertRaised"/> for each. Idempotent: the verdict is unique per (mention, classifier version) and the
/// alert per (mention, team), so a redelivered message finds what is stored and only republishes.
/// </summary>
public sealed class ClassifyMentionConsumer(NpgsqlDataSource dataSource, TriageEngine engine, Router router, FoiCases foiCases, TimeProvider time) : IConsumer<MentionReceived>
{
    public async Task Consume(ConsumeContext<MentionReceived> context)
    {
        var ct = context.CancellationToken;
        var id = context.Message.MentionId;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        TriageInput? input = null;
        await using (var load = new NpgsqlCommand(
            "select platform, text, author_handle, author_display_name, author_description, author_verified, lang, in_reply_to from mentions where id = @id", connection))
        {
            load.Parameters.AddWithValue("id", id);
            await using var r = await load.ExecuteReaderAsync(ct);
            if (await r.ReadAsync(ct))
            {
                input = new TriageInput
                {
                    Platform = r.GetString(0), Text = r.GetString(1),
                    AuthorHandle = r.IsDBNull(2) ? null : r.GetString(2), AuthorDisplayName = r.IsDBNull(3) ? null : r.GetString(3),
                    AuthorDescription = r.IsDBNull(4) ? null : r.GetString(4), AuthorVerified = r.GetBoolean(5),
                    Lang = r.IsDBNull(6) ? null : r.GetString(6), InReplyTo = r.IsDBNull(7) ? null : r.GetString(7),
                };
            }
        }

        // Deleted by retention since it was published: nothing left to classify.
        if (input is null) return;

        var verdict = engine.Classify(input);
        var teams = router.Route(verdict.Labels, verdict.Urgent);
        var now = time.GetUtcNow();
        var alertIds = new List<long>();
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            await using (var insert = new NpgsqlCommand(
                """
                insert into verdicts (mention_id, classifier_version, labels, urgent, reasons, created_at)
                values (@id, @version, @labels, @urgent, @reasons, @now)
                on conflict (mention_id, classifier_version) where decided_by is null do nothing
                """, connection, transaction))
            {
                insert.Parameters.AddWithValue("id", id);
                insert.Parameters.AddWithValue("version", verdict.ClassifierVersion);
                insert.Parameters.AddWithValue("labels", verdict.Labels.ToArray());
                insert.Parameters.AddWithValue("urgent", verdict.Urgent);
                insert.Parameters.AddWithValue("reasons", verdict.Reasons.ToArray());
                insert.Parameters.AddWithValue("now", now);
                await insert.ExecuteNonQueryAsync(ct);
            }

            foreach (var team in teams)
            {
                await using var raise = new NpgsqlCommand(
                    """
                    with raised as (
                        insert into alerts (mention_id, team, labels, urgent, raised_at) values (@id, @team, @labels, @urgent, @now)
                        on conflict (mention_id, team) do nothing returning id),
                    audited as (
                        insert into audit_log (at, actor, action, entity_type, entity_id, detail)
                        select @now, 'mentionwatch', 'alert.raised', 'alert', id::text, 'team ' || @team from raised)
                    select id from raised
                    union all
                    select id from alerts where mention_id = @id and team = @team
                    """, connection, transaction);
                raise.Parameters.AddWithValue("id", id);
                raise.Parameters.AddWithValue("team", team);
                raise.Parameters.AddWithValue("labels", verdict.Labels.ToArray());
                raise.Parameters.AddWithValue("urgent", verdict.Urgent);
                raise.Parameters.AddWithValue("now", now);
                if (await raise.ExecuteScalarAsync(ct) is long alertId) alertIds.Add(alertId);
            }

            if (verdict.Labels.Contains(Labels.FoiRequest)) await foiCases.OpenForMentionAsync(connection, transaction, id, ct);

            await transaction.CommitAsync(ct);
        }

        await Task.WhenAll(alertIds.Select(a => context.Publish(new AlertRaised { AlertId = a }, ct)));
    }
}
