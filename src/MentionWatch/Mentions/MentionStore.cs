using System.Security.Cryptography;
using System.Text;
using MentionWatch.Sources;
using Npgsql;
using NpgsqlTypes;

namespace MentionWatch.Mentions;

/// <summary>
/// The store-first half of "store first, then publish": one page of a poll — its new mentions, its quarantined
/// items and the source's new cursor — is written in one transaction, so a failure never advances the cursor past
/// a mention that was not saved. Mentions already stored (same platform and external id) are skipped by the
/// unique key, which is what makes overlapping windows and re-polls harmless.
/// </summary>
public sealed class MentionStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>
    /// Longest post text kept as a mention. A longer one is kept, read and alerted on its first this many characters,
    /// and its whole payload goes to quarantine as well, with the reason: too long to keep whole, never too long to read.
    /// </summary>
    public const int MaxTextLength = 100_000;

    /// <summary>
    /// Longest author description kept in its column; a longer one is cut (the raw payload keeps all of it). A
    /// profile is context, not the post: an enormous one must not cost the post its alert.
    /// </summary>
    public const int MaxAuthorDescriptionLength = 10_000;

    /// <summary>A posted-at further ahead of our clock than this is corrected and audited, not just clamped.</summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(1);

    /// <summary>Longest payload kept in quarantine; the original length and SHA-256 are recorded beside it.</summary>
    public const int MaxQuarantinePayload = 256 * 1024;

    /// <summary>
    /// Stores one page and returns the ids of the mentions that were new. <paramref name="continuesPoll"/> is true
    /// for the second and later pages of one poll, whose items add to the poll's count instead of replacing it.
    /// </summary>
    public async Task<IReadOnlyList<long>> StorePageAsync(SourceSettings source, SourcePage page, CancellationToken ct, bool continuesPoll = false)
    {
        var now = time.GetUtcNow();
        var quarantined = new List<QuarantinedItem>(page.Quarantined);
        // Each mention to store, with what is kept in place of its raw payload when that is too long to keep.
        var accepted = new List<(FetchedMention Mention, string? PayloadNote)>(page.Mentions.Count);
        foreach (var mention in page.Mentions)
        {
            if (Rejection(mention) is { } reason)
            {
                quarantined.Add(new QuarantinedItem(reason, mention.RawPayload));
            }
            else if (mention.Text.Length > MaxTextLength)
            {
                quarantined.Add(new QuarantinedItem(
                    $"the text is {mention.Text.Length:N0} characters long (limit {MaxTextLength:N0}): stored and classified on its first {MaxTextLength:N0} characters; the payload is kept here",
                    mention.RawPayload));
                accepted.Add(Shortened(mention));
            }
            else
            {
                accepted.Add((mention, null));
            }
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await EnsureSourceAsync(connection, transaction, source, ct);

        var newIds = new List<long>();
        if (accepted.Count > 0)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var (m, note) in accepted) batch.BatchCommands.Add(InsertMention(source.Id, m, note, now));
            await using var reader = await batch.ExecuteReaderAsync(ct);
            do
            {
                while (await reader.ReadAsync(ct)) newIds.Add(reader.GetInt64(0));
            }
            while (await reader.NextResultAsync(ct));
        }

        if (quarantined.Count > 0)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var q in quarantined) batch.BatchCommands.Add(InsertQuarantine(source.Id, q, now));
            await batch.ExecuteNonQueryAsync(ct);
        }

        // A page that could not be read as a whole is a failure of the source: its health records why.
        await using (var update = new NpgsqlCommand(
            page.Problem is null
                ? """
                  update sources set cursor = coalesce(@cursor, cursor), last_poll_at = @now, last_success_at = @now,
                         items_last_poll = case when @continues then items_last_poll + @items else @items end,
                         consecutive_failures = 0, backoff_until = null
                  where id = @id
                  """
                : """
                  update sources set cursor = coalesce(@cursor, cursor), last_poll_at = @now, last_error = @problem,
                         last_error_at = @now, consecutive_failures = consecutive_failures + 1
                  where id = @id
                  """, connection, transaction))
        {
            if (page.Problem is not null) update.Parameters.AddWithValue("problem", page.Problem.Length > 2000 ? page.Problem[..2000] : page.Problem);
            update.Parameters.AddWithValue("cursor", NpgsqlDbType.Text, (object?)page.NextCursor ?? DBNull.Value);
            update.Parameters.AddWithValue("now", now);
            update.Parameters.AddWithValue("items", page.Mentions.Count);
            update.Parameters.AddWithValue("continues", continuesPoll);
            update.Parameters.AddWithValue("id", source.Id);
            await update.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return newIds;
    }

    /// <summary>The cursor stored for a source, or null before its first successful poll.</summary>
    public async Task<string?> GetCursorAsync(string sourceId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select cursor from sources where id = @id");
        command.Parameters.AddWithValue("id", sourceId);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>Records a failed poll on the source's health, with a backoff when the platform asked for one.</summary>
    public async Task RecordFailureAsync(SourceSettings source, string reason, DateTimeOffset? backoffUntil, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await EnsureSourceAsync(connection, null, source, ct);
        await using var command = new NpgsqlCommand(
            """
            update sources set last_poll_at = @now, last_error = @reason, last_error_at = @now,
                   consecutive_failures = consecutive_failures + 1, backoff_until = @until
            where id = @id
            """, connection);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        command.Parameters.AddWithValue("reason", reason.Length > 2000 ? reason[..2000] : reason);
        command.Parameters.AddWithValue("until", NpgsqlDbType.TimestampTz, (object?)backoffUntil ?? DBNull.Value);
        command.Parameters.AddWithValue("id", source.Id);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Records one poll in <c>poll_runs</c>. Best effort: the poll's own work is already committed, and a database
    /// that is down now must not turn a finished poll into a failed one.
    /// </summary>
    public async Task RecordPollRunAsync(string sourceId, string instance, DateTimeOffset startedAt, DateTimeOffset finishedAt, int stored, CancellationToken ct)
    {
        try
        {
            await using var command = dataSource.CreateCommand(
                "insert into poll_runs (source_id, instance, started_at, finished_at, stored) values (@source, @instance, @started, @finished, @stored)");
            command.Parameters.AddWithValue("source", sourceId);
            command.Parameters.AddWithValue("instance", instance);
            command.Parameters.AddWithValue("started", startedAt);
            command.Parameters.AddWithValue("finished", finishedAt);
            command.Parameters.AddWithValue("stored", stored);
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (NpgsqlException)
        {
            // The history misses one row; the next poll records its own.
        }
    }

    /// <summary>When the source may next be polled, if it is backing off.</summary>
    public async Task<DateTimeOffset?> GetBackoffUntilAsync(string sourceId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select backoff_until from sources where id = @id");
        command.Parameters.AddWithValue("id", sourceId);
        return await command.ExecuteScalarAsync(ct) is DateTime until ? new DateTimeOffset(until, TimeSpan.Zero) : null;
    }

    /// <summary>Records that the shared limit <paramref name="scope"/> was reached until <paramref name="until"/> (a later time already recorded is kept).</summary>
    public async Task RecordScopeBackoffAsync(string scope, DateTimeOffset until, string reason, string sourceId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            insert into throttle_scopes (scope, until, reason, source_id, recorded_at) values (@scope, @until, @reason, @source, @now)
            on conflict (scope) do update set until = excluded.until, reason = excluded.reason, source_id = excluded.source_id,
                recorded_at = excluded.recorded_at
            where throttle_scopes.until < excluded.until
            """);
        command.Parameters.AddWithValue("scope", scope);
        command.Parameters.AddWithValue("until", until);
        command.Parameters.AddWithValue("reason", reason.Length > 2000 ? reason[..2000] : reason);
        command.Parameters.AddWithValue("source", sourceId);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The shared limit among <paramref name="scopes"/> backing off longest, if any is backing off now.</summary>
    public async Task<(string Scope, DateTimeOffset Until, string Reason, string SourceId)?> GetScopeBackoffAsync(IReadOnlyList<string> scopes, CancellationToken ct)
    {
        if (scopes.Count == 0) return null;
        await using var command = dataSource.CreateCommand(
            "select scope, until, reason, source_id from throttle_scopes where scope = any(@scopes) and until > @now order by until desc limit 1");
        command.Parameters.AddWithValue("scopes", scopes.ToArray());
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return (reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3));
    }

    private static string? Rejection(FetchedMention m)
    {
        if (string.IsNullOrWhiteSpace(m.ExternalId)) return "the item has no id";
        if (m.ExternalId.Length > 512) return $"the item's id is {m.ExternalId.Length} characters long (limit 512)";
        if (string.IsNullOrWhiteSpace(m.Text)) return "the item has no text";
        return null;
    }

    private static async Task EnsureSourceAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, SourceSettings source, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "insert into sources (id, platform) values (@id, @platform) on conflict (id) do nothing", connection, transaction);
        command.Parameters.AddWithValue("id", source.Id);
        command.Parameters.AddWithValue("platform", source.Platform);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlBatchCommand InsertMention(string sourceId, FetchedMention m, string? payloadNote, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand(
            """
            insert into mentions (source_id, platform, external_id, author_handle, author_display_name, author_description,
                author_created_at, author_verified, text, url, lang, in_reply_to, posted_at, first_seen_at, raw_payload, raw_sha256, copy_key,
                copy_bands, shared_external_id)
            values (@source, @platform, @external, @handle, @name, @description, @created, @verified, @text, @url, @lang,
                @reply, @posted, @seen, @raw::jsonb, @sha, @copy_key, @copy_bands, @shared)
            on conflict (platform, external_id) do nothing
            returning id
            """);
        if (m.PostedAt - now > ClockSkewAllowance)
        {
            command.CommandText = $"""
                with stored as ({command.CommandText}),
                audited as (
                    insert into audit_log (at, actor, action, entity_type, entity_id, detail)
                    select @seen, 'mentionwatch', 'mention.posted_at_corrected', 'mention', id::text,
                           'the platform dated the post ' || @claimed || ', after we first saw it; posted_at set to when we first saw it'
                    from stored)
                select id from stored
                """;
            command.Parameters.AddWithValue("claimed", m.PostedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        command.Parameters.AddWithValue("source", sourceId);
        command.Parameters.AddWithValue("platform", m.Platform);
        command.Parameters.AddWithValue("external", StorageText.Clean(m.ExternalId)!);
        command.Parameters.AddWithValue("handle", NpgsqlDbType.Text, (object?)StorageText.Clean(m.AuthorHandle) ?? DBNull.Value);
        command.Parameters.AddWithValue("name", NpgsqlDbType.Text, (object?)StorageText.Clean(m.AuthorDisplayName) ?? DBNull.Value);
        command.Parameters.AddWithValue("description", NpgsqlDbType.Text, (object?)StorageText.Clean(Cut(m.AuthorDescription, MaxAuthorDescriptionLength)) ?? DBNull.Value);
        command.Parameters.AddWithValue("created", NpgsqlDbType.TimestampTz, (object?)m.AuthorCreatedAt?.ToUniversalTime() ?? DBNull.Value);
        command.Parameters.AddWithValue("verified", m.AuthorVerified);
        var text = StorageText.Clean(m.Text)!;
        command.Parameters.AddWithValue("text", text);
        // Its words' key and bands, so a copy classified before it finds it (Stories/StoryRules).
        var copy = Stories.CopyKey.Of(text);
        command.Parameters.AddWithValue("copy_key", NpgsqlDbType.Text, (object?)copy.Key ?? DBNull.Value);
        command.Parameters.AddWithValue("copy_bands", NpgsqlDbType.Array | NpgsqlDbType.Bigint, copy.Bands.Length == 0 ? DBNull.Value : copy.Bands);
        command.Parameters.AddWithValue("shared", NpgsqlDbType.Text, (object?)StorageText.Clean(m.SharedId) ?? DBNull.Value);
        command.Parameters.AddWithValue("url", NpgsqlDbType.Text, (object?)StorageText.Clean(m.Url) ?? DBNull.Value);
        command.Parameters.AddWithValue("lang", NpgsqlDbType.Text, (object?)StorageText.Clean(m.Lang) ?? DBNull.Value);
        command.Parameters.AddWithValue("reply", NpgsqlDbType.Text, (object?)StorageText.Clean(m.InReplyTo) ?? DBNull.Value);
        // A post cannot have been posted after we first saw it: a platform clock or payload dated in the future would
        // start the FOI clock late. Small skews are clamped quietly; larger ones are audited with the claimed date.
        var posted = m.PostedAt.ToUniversalTime();
        if (posted > now) posted = now;
        command.Parameters.AddWithValue("posted", posted);
        command.Parameters.AddWithValue("seen", now);
        command.Parameters.AddWithValue("raw", StorageText.CleanJson(payloadNote ?? m.RawPayload));
        command.Parameters.AddWithValue("sha", Sha256(m.RawPayload));
        return command;
    }

    private static NpgsqlBatchCommand InsertQuarantine(string sourceId, QuarantinedItem item, DateTimeOffset now)
    {
        var payload = item.Payload.Length > MaxQuarantinePayload ? item.Payload[..MaxQuarantinePayload] : item.Payload;
        var command = new NpgsqlBatchCommand(
            """
            insert into quarantine (source_id, reason, payload, payload_length, payload_sha256, received_at)
            values (@source, @reason, @payload, @length, @sha, @now)
            """);
        command.Parameters.AddWithValue("source", sourceId);
        command.Parameters.AddWithValue("reason", StorageText.Clean(item.Reason)!);
        command.Parameters.AddWithValue("payload", StorageText.Clean(payload)!);
        command.Parameters.AddWithValue("length", item.Payload.Length);
        command.Parameters.AddWithValue("sha", Sha256(item.Payload));
        command.Parameters.AddWithValue("now", now);
        return command;
    }

    /// <summary>
    /// An over-long mention as it is stored: its text cut at <see cref="MaxTextLength"/> (never inside a surrogate
    /// pair), and in place of the raw payload a note of its length (the payload itself is in quarantine; the row's
    /// SHA-256 is still the payload's, so the two are found together).
    /// </summary>
    private static (FetchedMention, string) Shortened(FetchedMention m)
    {
        var cut = char.IsHighSurrogate(m.Text[MaxTextLength - 1]) ? MaxTextLength - 1 : MaxTextLength;
        var note = new System.Text.Json.Nodes.JsonObject
        {
            ["mentionwatch_note"] = $"The payload was too long to keep with the mention; it is in quarantine. The text here is its first {cut:N0} characters.",
            ["payload_length"] = m.RawPayload.Length,
        };
        return (m with { Text = m.Text[..cut] }, note.ToJsonString());
    }

    private static string? Cut(string? value, int max) => value is null || value.Length <= max ? value : value[..(max - 1)] + "…";

    private static string Sha256(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
