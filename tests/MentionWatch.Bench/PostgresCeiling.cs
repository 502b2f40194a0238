using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using MentionWatch.Sources;
using Npgsql;
using NpgsqlTypes;

namespace MentionWatch.Bench;

/// <summary>
/// What PostgreSQL allows on this machine for rows shaped like mentions: the sample's posts, raw payload as jsonb and
/// its digest, inserted into a scratch table with the mentions table's unique key, 500 rows per statement
/// (<c>insert … select from unnest(…) on conflict do nothing</c>, idempotent as the store must be), one committed
/// statement at a time on each of two connections. No audit, no cursor, no classification: a ceiling, not a target.
/// </summary>
internal sealed class PostgresCeiling(NpgsqlDataSource db, IReadOnlyList<FetchedMention> sample)
{
    private const int RowsPerStatement = 500;
    private const int Writers = 2;

    public async Task<double> MeasureAsync(int rows, CancellationToken ct)
    {
        await ExecuteAsync(
            """
            drop table if exists bench_ceiling_mentions;
            create table bench_ceiling_mentions (
                id bigint generated always as identity primary key, source_id text not null, platform text not null,
                external_id text not null, author_handle text, author_display_name text, author_description text,
                text text not null, url text, lang text, posted_at timestamptz not null, first_seen_at timestamptz not null,
                raw_payload jsonb not null, raw_sha256 text not null, unique (platform, external_id))
            """, ct);
        try
        {
            var statements = (rows + RowsPerStatement - 1) / RowsPerStatement;
            var next = -1;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Writers).Select(async _ =>
            {
                await using var connection = await db.OpenConnectionAsync(ct);
                int statement;
                while ((statement = Interlocked.Increment(ref next)) < statements)
                {
                    var first = statement * RowsPerStatement;
                    await using var insert = Insert(connection, first, Math.Min(RowsPerStatement, rows - first));
                    await insert.ExecuteNonQueryAsync(ct);
                }
            }));
            return rows / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            await ExecuteAsync("drop table if exists bench_ceiling_mentions", CancellationToken.None);
        }
    }

    private NpgsqlCommand Insert(NpgsqlConnection connection, int first, int count)
    {
        var rows = Enumerable.Range(first, count).Select(i => (Id: $"ceiling-{i}", Mention: sample[i % sample.Count])).ToArray();
        var now = DateTimeOffset.UtcNow;
        var command = new NpgsqlCommand(
            """
            insert into bench_ceiling_mentions (source_id, platform, external_id, author_handle, author_display_name,
                author_description, text, url, lang, posted_at, first_seen_at, raw_payload, raw_sha256)
            select 'bench-ceiling', * from unnest(@platform, @external, @handle, @name, @description, @text, @url, @lang,
                @posted, @seen, @raw, @sha)
            on conflict (platform, external_id) do nothing
            """, connection);
        Add(command, "platform", NpgsqlDbType.Text, rows.Select(r => r.Mention.Platform));
        Add(command, "external", NpgsqlDbType.Text, rows.Select(r => r.Id));
        Add(command, "handle", NpgsqlDbType.Text, rows.Select(r => r.Mention.AuthorHandle));
        Add(command, "name", NpgsqlDbType.Text, rows.Select(r => r.Mention.AuthorDisplayName));
        Add(command, "description", NpgsqlDbType.Text, rows.Select(r => r.Mention.AuthorDescription));
        Add(command, "text", NpgsqlDbType.Text, rows.Select(r => r.Mention.Text));
        Add(command, "url", NpgsqlDbType.Text, rows.Select(r => r.Mention.Url));
        Add(command, "lang", NpgsqlDbType.Text, rows.Select(r => r.Mention.Lang));
        Add(command, "posted", NpgsqlDbType.TimestampTz, rows.Select(r => r.Mention.PostedAt.ToUniversalTime()));
        Add(command, "seen", NpgsqlDbType.TimestampTz, rows.Select(_ => now));
        Add(command, "raw", NpgsqlDbType.Jsonb, rows.Select(r => r.Mention.RawPayload));
        Add(command, "sha", NpgsqlDbType.Text, rows.Select(r => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(r.Mention.RawPayload)))));
        return command;
    }

    private static void Add<T>(NpgsqlCommand command, string name, NpgsqlDbType type, IEnumerable<T> values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | type) { Value = values.ToArray() });

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(ct);
    }
}
