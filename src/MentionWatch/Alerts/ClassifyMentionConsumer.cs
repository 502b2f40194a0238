using MassTransit;
using MentionWatch.Contracts;
using MentionWatch.Foi;
using MentionWatch.Messaging;
using MentionWatch.Metrics;
using MentionWatch.Routing;
using MentionWatch.Triage;
using Npgsql;

namespace MentionWatch.Alerts;

/// <summary>
/// Classifies stored mentions, a batch at a time: stores each verdict, raises one alert per routed team, then publishes
/// <see cref="AlertRaised"/> for each. A batch costs one load, one write and one wait for the broker's confirms, where
/// a mention at a time cost the same per mention (see <see cref="ClassifyBatchOptions"/>). Idempotent: the verdict is
/// unique per (mention, classifier version) and the alert per (mention, team), so a redelivered message finds what is
/// stored and only republishes. A mention reclassified by a person is published again and routed by both verdicts.
/// </summary>
/// <remarks>
/// A batch that fails is done again a mention at a time, so one mention that cannot be classified does not hold up
/// the others. If any still fail, the batch is faulted naming them: MassTransit retries it, then moves it to the
/// error queue with that reason; the mentions that succeeded are stored, so replaying them only republishes.
/// </remarks>
public sealed class ClassifyMentionConsumer(
    NpgsqlDataSource dataSource, TriageEngine engine, TriageClassifier classifier, Router router, FoiCases foiCases, MessagingProgress progress,
    MentionWatchMetrics metrics, TimeProvider time, ILogger<ClassifyMentionConsumer> logger) : IConsumer<Batch<MentionReceived>>
{
    public async Task Consume(ConsumeContext<Batch<MentionReceived>> context)
    {
        progress.Consumed();
        var ct = context.CancellationToken;
        var ids = context.Message.Select(m => m.Message.MentionId).Distinct().ToArray();
        List<long> alertIds;
        try
        {
            alertIds = await ClassifyAsync(ids, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.BatchFailed(logger, e, ids.Length, e.Message);
            alertIds = [];
            var failures = new List<string>();
            foreach (var id in ids)
            {
                try
                {
                    alertIds.AddRange(await ClassifyAsync([id], ct));
                }
                catch (Exception single) when (single is not OperationCanceledException)
                {
                    failures.Add($"mention {id}: {single.GetType().Name}: {single.Message}");
                }
            }

            // What did succeed is announced before the batch is faulted for the rest.
            await PublishAsync(context, alertIds, ct);
            if (failures.Count > 0) throw new MentionClassificationException(ids.Length - failures.Count, ids.Length, failures);
            return;
        }

        await PublishAsync(context, alertIds, ct);
    }

    private static Task PublishAsync(ConsumeContext context, List<long> alertIds, CancellationToken ct) =>
        Task.WhenAll(alertIds.Select(a => context.Publish(new AlertRaised { AlertId = a }, ct)));

    /// <summary>Classifies the mentions and stores their verdicts and alerts in one transaction; returns the alerts' ids.</summary>
    private async Task<List<long>> ClassifyAsync(long[] ids, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var inputs = await LoadAsync(connection, ids, ct);
        // Deleted by retention since they were published: nothing left to classify.
        if (inputs.Count == 0) return [];

        // The rules and the learned model together, the batch at once (identical texts embedded once), before the
        // transaction: no database transaction waits on the model.
        var verdicts = classifier.Classify(engine, inputs.Select(i => i.Input).ToList(), ct);
        var now = time.GetUtcNow();
        var foiRequests = new List<long>();
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, transaction);
        for (var k = 0; k < inputs.Count; k++)
        {
            var (id, _, human, _) = inputs[k];
            var verdict = verdicts[k];
            // A person's reclassification adds to the machine's: the teams it names are alerted too (never fewer).
            var labels = verdict.Labels.Union(human?.Labels ?? []).ToArray();
            var urgent = verdict.Urgent || human?.Urgent == true;
            if (labels.Contains(Labels.FoiRequest)) foiRequests.Add(id);

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

            foreach (var team in router.Route(labels, urgent, verdict.NeedsHumanRead))
            {
                var raise = new NpgsqlBatchCommand(
                    """
                    with raised as (
                        insert into alerts (mention_id, team, labels, urgent, raised_at) values (@id, @team, @labels, @urgent, @now)
                        on conflict (mention_id, team) do nothing returning id),
                    audited as (
                        insert into audit_log (at, actor, action, entity_type, entity_id, detail)
                        select @now, 'mentionwatch', 'alert.raised', 'alert', id::text, 'team ' || @team from raised)
                    select id, @id from raised
                    union all
                    select id, null::bigint from alerts where mention_id = @id and team = @team
                    """);
                raise.Parameters.AddWithValue("id", id);
                raise.Parameters.AddWithValue("team", team);
                raise.Parameters.AddWithValue("labels", labels);
                raise.Parameters.AddWithValue("urgent", urgent);
                raise.Parameters.AddWithValue("now", now);
                batch.BatchCommands.Add(raise);
            }
        }

        var alertIds = new List<long>();
        var raisedFor = new HashSet<long>();
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            do
            {
                while (await reader.ReadAsync(ct))
                {
                    alertIds.Add(reader.GetInt64(0));
                    if (reader.FieldCount > 1 && !reader.IsDBNull(1)) raisedFor.Add(reader.GetInt64(1));
                }
            }
            while (await reader.NextResultAsync(ct));
        }

        // An FOI request opens its case with its verdict and alerts, or not at all.
        foreach (var id in foiRequests) await foiCases.OpenForMentionAsync(connection, transaction, id, ct);
        await transaction.CommitAsync(ct);
        foreach (var (_, _, _, origin) in inputs.Where(i => raisedFor.Contains(i.Id)))
        {
            metrics.AlertRaised(origin.Source, origin.Posted, origin.Stored, now);
        }

        return alertIds;
    }

    /// <summary>The mentions still stored, each with the latest verdict a person gave it, if any.</summary>
    private static async Task<List<(long Id, TriageInput Input, (string[] Labels, bool Urgent)? Human, (string Source, DateTimeOffset Posted, DateTimeOffset Stored) Origin)>> LoadAsync(
        NpgsqlConnection connection, long[] ids, CancellationToken ct)
    {
        await using var load = new NpgsqlCommand(
            """
            select m.id, platform, text, author_handle, author_display_name, author_description, author_verified, lang, in_reply_to, h.labels, h.urgent,
                   m.source_id, m.posted_at, m.first_seen_at
            from mentions m
            left join lateral (select labels, urgent from verdicts v where v.mention_id = m.id and v.decided_by is not null order by v.id desc limit 1) h on true
            where m.id = any(@ids)
            order by m.id
            """, connection);
        load.Parameters.AddWithValue("ids", ids);
        var loaded = new List<(long, TriageInput, (string[], bool)?, (string, DateTimeOffset, DateTimeOffset))>(ids.Length);
        await using var r = await load.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var input = new TriageInput
            {
                Platform = r.GetString(1), Text = r.GetString(2),
                AuthorHandle = r.IsDBNull(3) ? null : r.GetString(3), AuthorDisplayName = r.IsDBNull(4) ? null : r.GetString(4),
                AuthorDescription = r.IsDBNull(5) ? null : r.GetString(5), AuthorVerified = r.GetBoolean(6),
                Lang = r.IsDBNull(7) ? null : r.GetString(7), InReplyTo = r.IsDBNull(8) ? null : r.GetString(8),
            };
            loaded.Add((r.GetInt64(0), input, r.IsDBNull(9) ? null : (r.GetFieldValue<string[]>(9), r.GetBoolean(10)),
                (r.GetString(11), r.GetFieldValue<DateTimeOffset>(12), r.GetFieldValue<DateTimeOffset>(13))));
        }

        return loaded;
    }
}
