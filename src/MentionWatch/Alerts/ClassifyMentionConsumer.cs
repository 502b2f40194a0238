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
/// alert per (mention, team), so a redelivered message finds what is stored and only republishes. A mention
/// reclassified by a person is published again and routed by both verdicts.
/// </summary>
public sealed class ClassifyMentionConsumer(NpgsqlDataSource dataSource, TriageEngine engine, Router router, FoiCases foiCases, TimeProvider time) : IConsumer<MentionReceived>
{
    public async Task Consume(ConsumeContext<MentionReceived> context)
    {
        var ct = context.CancellationToken;
        var id = context.Message.MentionId;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        TriageInput? input = null;
        (string[] Labels, bool Urgent)? human = null;
        await using (var load = new NpgsqlCommand(
            """
            select platform, text, author_handle, author_display_name, author_description, author_verified, lang, in_reply_to, h.labels, h.urgent
            from mentions m
            left join lateral (select labels, urgent from verdicts v where v.mention_id = m.id and v.decided_by is not null order by v.id desc limit 1) h on true
            where m.id = @id
            """, connection))
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
                if (!r.IsDBNull(8)) human = (r.GetFieldValue<string[]>(8), r.GetBoolean(9));
            }
        }

        // Deleted by retention since it was published: nothing left to classify.
        if (input is null) return;

        // A person's reclassification adds to the machine's: the teams it names are alerted too (never fewer).
        var verdict = engine.Classify(input);
        var labels = verdict.Labels.Union(human?.Labels ?? []).ToArray();
        var urgent = verdict.Urgent || human?.Urgent == true;
        var teams = router.Route(labels, urgent);
        var now = time.GetUtcNow();
        var alertIds = new List<long>();
        // One round trip for the verdict and every alert: a batch without an explicit transaction runs as one
        // implicit transaction, so the verdict and its alerts are stored together or not at all. An FOI request also
        // opens its case, in one explicit transaction with them.
        var foiRequest = labels.Contains(Labels.FoiRequest);
        await using var transaction = foiRequest ? await connection.BeginTransactionAsync(ct) : null;
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            var insert = new NpgsqlBatchCommand(
                """
                insert into verdicts (mention_id, classifier_version, labels, urgent, reasons, created_at)
                values (@id, @version, @labels, @urgent, @reasons, @now)
                on conflict (mention_id, classifier_version) where decided_by is null do nothing
                """);
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("version", verdict.ClassifierVersion);
            insert.Parameters.AddWithValue("labels", verdict.Labels.ToArray());
            insert.Parameters.AddWithValue("urgent", verdict.Urgent);
            insert.Parameters.AddWithValue("reasons", verdict.Reasons.ToArray());
            insert.Parameters.AddWithValue("now", now);
            batch.BatchCommands.Add(insert);

            foreach (var team in teams)
            {
                var raise = new NpgsqlBatchCommand(
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
                    """);
                raise.Parameters.AddWithValue("id", id);
                raise.Parameters.AddWithValue("team", team);
                raise.Parameters.AddWithValue("labels", labels);
                raise.Parameters.AddWithValue("urgent", urgent);
                raise.Parameters.AddWithValue("now", now);
                batch.BatchCommands.Add(raise);
            }

            await using var reader = await batch.ExecuteReaderAsync(ct);
            do
            {
                while (await reader.ReadAsync(ct)) alertIds.Add(reader.GetInt64(0));
            }
            while (await reader.NextResultAsync(ct));
        }

        if (transaction is not null)
        {
            await foiCases.OpenForMentionAsync(connection, transaction, id, ct);
            await transaction.CommitAsync(ct);
        }

        await Task.WhenAll(alertIds.Select(a => context.Publish(new AlertRaised { AlertId = a }, ct)));
    }
}
