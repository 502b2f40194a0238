using MassTransit;
using MentionWatch.Contracts;
using MentionWatch.Foi;
using MentionWatch.Messaging;
using MentionWatch.Metrics;
using MentionWatch.Routing;
using MentionWatch.Stories;
using MentionWatch.Triage;
using Npgsql;

namespace MentionWatch.Alerts;

/// <summary>
/// Classifies stored mentions, a batch at a time: stores each verdict, raises one alert per routed team, then publishes
/// <see cref="AlertRaised"/> for each. A batch costs one load, one write and one wait for the broker's confirms, where
/// a mention at a time cost the same per mention (see <see cref="ClassifyBatchOptions"/>). Idempotent: the verdict is
/// unique per (mention, classifier version) and the alert per (mention, team), so a redelivered message finds what is
/// stored and only republishes. A mention reclassified by a person is published again and routed by both verdicts.
/// A copy of a post classified before (a share, a repeat, a campaign's template) joins that post's story instead of
/// raising alerts of its own, when <see cref="StoryRules"/> allow it: it is stored, classified and listed on the story.
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
        // The earlier posts these copy, stored but not classified yet (in a batch of their own, running beside this
        // one or queued behind it), are classified here first, so a share finds the post it shares.
        var loaded = await LoadAsync(connection, [.. ids, .. await UnclassifiedOriginalsAsync(connection, ids, ct)], ct);
        // Deleted by retention since they were published: nothing left to classify.
        if (loaded.Count == 0) return [];
        // The posts the platform says are shares come after the rest, so a share finds its original decided.
        var inputs = loaded.OrderBy(i => i.SharedId is null ? 0 : 1).ThenBy(i => i.Id).ToList();

        // The rules and the learned model together, the batch at once (identical texts embedded once), before the
        // transaction: no database transaction waits on the model.
        var verdicts = classifier.Classify(engine, inputs.Select(i => i.Input).ToList(), ct);
        var now = time.GetUtcNow();
        var keys = inputs.Select(i => CopyKey.Of(i.Input.Text)).ToArray();
        var foiRequests = new List<long>();
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var batchIds = inputs.Select(i => i.Id).ToArray();
        var candidates = await CandidatesAsync(connection, keys, batchIds, now, ct);
        var shared = await SharedStoriesAsync(connection, batchIds, ct);
        // Near copies are looked for only where no post has the same words, among posts stored before each one.
        var similar = await SimilarAsync(connection, keys.Where(k => k.Key is null || !candidates.ContainsKey(k.Key)).ToArray(), batchIds, now, ct);
        var ownStories = new Dictionary<string, StoryCandidate>(StringComparer.Ordinal);
        await using var batch = new NpgsqlBatch(connection, transaction);
        for (var k = 0; k < inputs.Count; k++)
        {
            var (id, input, human, alerted, externalId, sharedId, _) = inputs[k];
            var verdict = verdicts[k];
            // A person's reclassification adds to the machine's: the teams it names are alerted too (never fewer).
            var labels = verdict.Labels.Union(human?.Labels ?? []).ToArray();
            var urgent = verdict.Urgent || human?.Urgent == true;
            var teams = router.Route(labels, urgent, verdict.NeedsHumanRead);
            batch.BatchCommands.Add(InsertVerdict(id, verdict, now));

            // Alerted before (a redelivery, a reclassification): its alerts stand, and are announced again.
            var original = sharedId is null ? null : ownStories.GetValueOrDefault($"{input.Platform}:{sharedId}") ?? shared.GetValueOrDefault(id);
            var join = alerted ? null
                : StoryRules.Join(keys[k], input.Platform, input.AuthorHandle, labels, urgent, teams,
                    keys[k].Key is { } key ? candidates.GetValueOrDefault(key) ?? [] : [], original,
                    similar.Where(c => c.Story.MentionId < id && keys[k].MayCopy(c.Key) && keys[k].Copies(c.Key)).Select(c => c.Story).OrderBy(c => c.MentionId).ToList());
            if (join is not null)
            {
                batch.BatchCommands.Add(JoinStory(id, keys[k].Key, join, now));
                continue;
            }

            // Later posts of this batch with the same words, or sharing it, may join this one's story.
            var story = new StoryCandidate(id, input.Platform, input.AuthorHandle, teams.ToHashSet(StringComparer.Ordinal), urgent, HasOpenAlert: teams.Count > 0);
            ownStories[$"{input.Platform}:{externalId}"] = story;
            batch.BatchCommands.Add(HeadStory(id, keys[k]));
            if (keys[k].Key is { } own) (candidates.TryGetValue(own, out var list) ? list : candidates[own] = []).Add(story);
            similar.Add((story, keys[k]));

            if (labels.Contains(Labels.FoiRequest)) foiRequests.Add(id);
            foreach (var team in teams) batch.BatchCommands.Add(RaiseAlert(id, team, labels, urgent, now));
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
        foreach (var origin in inputs.Where(i => raisedFor.Contains(i.Id)).Select(i => i.Origin))
        {
            metrics.AlertRaised(origin.Source, origin.Posted, origin.Stored, now);
        }

        return alertIds;
    }

    private static NpgsqlBatchCommand InsertVerdict(long id, TriageResult verdict, DateTimeOffset now)
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
        return insert;
    }

    /// <summary>
    /// Raises the mention's alert to a team once (audited), and returns its id whether raised now or before, with the
    /// mention's id when raised now (for the posted → alert figures).
    /// </summary>
    private static NpgsqlBatchCommand RaiseAlert(long id, string team, string[] labels, bool urgent, DateTimeOffset now)
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
        return raise;
    }

    /// <summary>Files the copy under the story it joins, audited once (a redelivery finds it filed and changes nothing).</summary>
    private static NpgsqlBatchCommand JoinStory(long id, string? key, StoryJoin join, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand(
            """
            with joined as (
                update mentions set copy_key = coalesce(@key, copy_key), story_id = @root, copy_kind = @kind
                where id = @id and story_id is distinct from @root
                returning id)
            insert into audit_log (at, actor, action, entity_type, entity_id, detail)
            select @now, 'mentionwatch', 'story.joined', 'mention', id::text, @detail from joined
            """);
        var what = join.Kind == CopyKinds.Similar ? "nearly the same words as" : $"a {join.Kind} of";
        command.Parameters.AddWithValue("detail", $"{what} mention {join.RootId}: listed on its story, no alert of its own");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("key", NpgsqlTypes.NpgsqlDbType.Text, (object?)key ?? DBNull.Value);
        command.Parameters.AddWithValue("root", join.RootId);
        command.Parameters.AddWithValue("kind", join.Kind);
        command.Parameters.AddWithValue("now", now);
        return command;
    }

    /// <summary>
    /// Marks the post as heading its own story: with its key and bands (set when stored, unless stored before stories were), and
    /// out of any story it had joined (a person's reclassification has given it alerts of its own). Writes nothing
    /// when nothing changes, as for most posts.
    /// </summary>
    private static NpgsqlBatchCommand HeadStory(long id, CopyKey key)
    {
        var command = new NpgsqlBatchCommand(
            """
            update mentions set copy_key = coalesce(@key, copy_key), copy_bands = coalesce(copy_bands, @bands), story_id = null, copy_kind = null
            where id = @id and (story_id is not null or copy_key is distinct from coalesce(@key, copy_key) or (copy_bands is null and @bands is not null))
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("key", NpgsqlTypes.NpgsqlDbType.Text, (object?)key.Key ?? DBNull.Value);
        command.Parameters.AddWithValue("bands", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint, key.Bands.Length == 0 ? DBNull.Value : key.Bands);
        return command;
    }

    /// <summary>The columns after a story's head (id, platform, author): its alerts' teams, whether one is urgent, whether one is open.</summary>
    private const string StoryAlerts = """
        coalesce(array_agg(a.team) filter (where a.id is not null), '{}'), coalesce(bool_or(a.urgent), false), coalesce(bool_or(a.state = 'open'), false)
        """;

    /// <summary>A story's head and its alerts, from columns 1 to 6 (see <see cref="StoryAlerts"/>).</summary>
    private static StoryCandidate ReadStory(NpgsqlDataReader reader) =>
        new(reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetFieldValue<string[]>(4).ToHashSet(StringComparer.Ordinal), reader.GetBoolean(5), reader.GetBoolean(6));

    /// <summary>The first key of the two-key advisory locks on copy keys (<c>pg_advisory_xact_lock(int, int)</c>).</summary>
    private const int StoryLockSpace = 0x5354;

    /// <summary>How far back a copy may find the post it copies: an older post with the same words starts a new story.</summary>
    public static readonly TimeSpan StoryWindow = TimeSpan.FromDays(14);

    /// <summary>
    /// For each key, the posts outside this batch classified with it within <see cref="StoryWindow"/> that head a
    /// story (joined no other), oldest first, with the teams their alerts went to. The keys are locked first, until
    /// the transaction ends: a batch classifying the same words at the same moment (another consumer, another
    /// instance) waits for this one to commit and then finds its posts, so an original and its copy classified side
    /// by side do not both raise alerts.
    /// </summary>
    private static async Task<Dictionary<string, List<StoryCandidate>>> CandidatesAsync(
        NpgsqlConnection connection, CopyKey[] keys, long[] batchIds, DateTimeOffset now, CancellationToken ct)
    {
        var result = new Dictionary<string, List<StoryCandidate>>(StringComparer.Ordinal);
        var wanted = keys.Select(k => k.Key).OfType<string>().Distinct().ToArray();
        if (wanted.Length == 0) return result;
        // In one order, so two batches never wait on each other's locks.
        await using (var locks = new NpgsqlCommand(
            "select count(pg_advisory_xact_lock(@space, k)) from (select unnest(@locks) k order by 1) ordered", connection))
        {
            locks.Parameters.AddWithValue("space", StoryLockSpace);
            locks.Parameters.AddWithValue("locks", wanted.Select(k => Convert.ToInt32(k[..8], 16)).Distinct().Order().ToArray());
            await locks.ExecuteScalarAsync(ct);
        }

        await using var command = new NpgsqlCommand(
            $"""
            select m.copy_key, m.id, m.platform, m.author_handle, {StoryAlerts}
            from mentions m
            left join alerts a on a.mention_id = m.id
            where m.copy_key = any(@keys) and m.story_id is null and m.first_seen_at >= @since and m.id <> all(@batch)
              and exists (select 1 from verdicts v where v.mention_id = m.id)
            group by m.id
            order by m.id
            """, connection);
        command.Parameters.AddWithValue("keys", wanted);
        command.Parameters.AddWithValue("since", now - StoryWindow);
        command.Parameters.AddWithValue("batch", batchIds);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var key = reader.GetString(0);
            (result.TryGetValue(key, out var list) ? list : result[key] = []).Add(ReadStory(reader));
        }

        return result;
    }

    /// <summary>The most posts one batch compares its posts' words with, newest first.</summary>
    private const int SimilarLimit = 500;

    /// <summary>
    /// Posts outside this batch within <see cref="StoryWindow"/>, heading a story, that share a word band
    /// (<see cref="WordBands"/>) with one of <paramref name="keys"/>: the likely near copies, whose words the caller
    /// compares. Not locked as exact keys are: two near copies classified at the same instant by two batches may each
    /// alert, which groups less but never hides a post.
    /// </summary>
    private static async Task<List<(StoryCandidate Story, CopyKey Key)>> SimilarAsync(
        NpgsqlConnection connection, CopyKey[] keys, long[] batchIds, DateTimeOffset now, CancellationToken ct)
    {
        var result = new List<(StoryCandidate, CopyKey)>();
        var bands = keys.SelectMany(k => k.Bands).Distinct().ToArray();
        if (bands.Length == 0) return result;
        await using var command = new NpgsqlCommand(
            $"""
            select m.text, m.id, m.platform, m.author_handle, {StoryAlerts}
            from mentions m
            left join alerts a on a.mention_id = m.id
            where m.copy_bands && @bands and m.story_id is null and m.first_seen_at >= @since and m.id <> all(@batch)
              and exists (select 1 from verdicts v where v.mention_id = m.id)
            group by m.id
            order by m.id desc
            limit @limit
            """, connection);
        command.Parameters.AddWithValue("bands", bands);
        command.Parameters.AddWithValue("since", now - StoryWindow);
        command.Parameters.AddWithValue("batch", batchIds);
        command.Parameters.AddWithValue("limit", SimilarLimit);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result.Add((ReadStory(reader), CopyKey.Of(reader.GetString(0))));
        return result;
    }

    /// <summary>The most earlier posts one batch takes on to classify first.</summary>
    private const int OriginalsLimit = 100;

    /// <summary>
    /// Posts stored before these with the same or likely nearly the same words (a shared word band), heading no story,
    /// or the posts they share: not classified yet. Classified first, in this batch, they head the story their later
    /// copies join, never the other way round.
    /// </summary>
    private async Task<long[]> UnclassifiedOriginalsAsync(NpgsqlConnection connection, long[] ids, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            select id from (
                select o.id from mentions c
                join mentions o on o.copy_key = c.copy_key and o.id < c.id and o.story_id is null and o.first_seen_at >= @since
                where c.id = any(@ids)
                union
                select o.id from mentions c
                join mentions o on o.copy_bands && c.copy_bands and o.id < c.id and o.story_id is null and o.first_seen_at >= @since
                where c.id = any(@ids)
                union
                select o.id from mentions c
                join mentions o on o.platform = c.platform and o.external_id = c.shared_external_id
                where c.id = any(@ids)) originals
            where id <> all(@ids) and not exists (select 1 from verdicts v where v.mention_id = originals.id)
            order by id
            limit @limit
            """, connection);
        command.Parameters.AddWithValue("ids", ids);
        command.Parameters.AddWithValue("since", time.GetUtcNow() - StoryWindow);
        command.Parameters.AddWithValue("limit", OriginalsLimit);
        var originals = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) originals.Add(reader.GetInt64(0));
        return [.. originals];
    }

    /// <summary>
    /// For each post of the batch the platform says shares another, the story that other post is in (its own, or the
    /// one it joined), with the teams its alerts went to, once it is classified.
    /// </summary>
    private static async Task<Dictionary<long, StoryCandidate>> SharedStoriesAsync(NpgsqlConnection connection, long[] ids, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select c.id, r.id, r.platform, r.author_handle, {StoryAlerts}
            from mentions c
            join mentions o on o.platform = c.platform and o.external_id = c.shared_external_id
            join mentions r on r.id = coalesce(o.story_id, o.id)
            left join alerts a on a.mention_id = r.id
            where c.id = any(@ids) and exists (select 1 from verdicts v where v.mention_id = o.id)
            group by c.id, r.id
            """, connection);
        command.Parameters.AddWithValue("ids", ids);
        var result = new Dictionary<long, StoryCandidate>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result[reader.GetInt64(0)] = ReadStory(reader);
        }

        return result;
    }

    /// <summary>A mention to classify: what the classifier reads, a person's verdict if any, and what says which story it is in.</summary>
    private sealed record Loaded(
        long Id, TriageInput Input, (string[] Labels, bool Urgent)? Human, bool Alerted, string ExternalId, string? SharedId,
        (string Source, DateTimeOffset Posted, DateTimeOffset Stored) Origin);

    /// <summary>The mentions still stored, each with the latest verdict a person gave it, if any.</summary>
    private static async Task<List<Loaded>> LoadAsync(
        NpgsqlConnection connection, long[] ids, CancellationToken ct)
    {
        await using var load = new NpgsqlCommand(
            """
            select m.id, platform, text, author_handle, author_display_name, author_description, author_verified, lang, in_reply_to, h.labels, h.urgent,
                   exists (select 1 from alerts a where a.mention_id = m.id), external_id, shared_external_id,
                   m.source_id, m.posted_at, m.first_seen_at
            from mentions m
            left join lateral (select labels, urgent from verdicts v where v.mention_id = m.id and v.decided_by is not null order by v.id desc limit 1) h on true
            where m.id = any(@ids)
            order by m.id
            """, connection);
        load.Parameters.AddWithValue("ids", ids);
        var loaded = new List<Loaded>(ids.Length);
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
            loaded.Add(new Loaded(r.GetInt64(0), input, r.IsDBNull(9) ? null : (r.GetFieldValue<string[]>(9), r.GetBoolean(10)), r.GetBoolean(11),
                r.GetString(12), r.IsDBNull(13) ? null : r.GetString(13),
                (r.GetString(14), r.GetFieldValue<DateTimeOffset>(15), r.GetFieldValue<DateTimeOffset>(16))));
        }

        return loaded;
    }
}
