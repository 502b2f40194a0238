using System.Globalization;
using MentionWatch.Alerts;
using MentionWatch.Sources;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MentionWatch.Polling;

/// <summary>
/// Turns a source that stopped into an incident the comms team hears about: once per incident (a
/// <c>source_incidents</c> row and a notice whose subject names it, so re-checking every minute raises nothing new),
/// and once more when the source recovers. Both are <see cref="Notice"/>s on the normal alert path.
/// </summary>
public sealed class SourceWatch(
    NpgsqlDataSource dataSource, AlertRaiser alerts, SourceWatchStart started, IOptions<SourceWatchOptions> options, TimeProvider time, ILogger<SourceWatch> logger)
{
    public const string Silent = "silent";
    public const string Quiet = "quiet";

    /// <summary>Checks each source; returns the notices raised by this call (incidents opened and recoveries).</summary>
    public async Task<IReadOnlyList<Notice>> CheckAsync(IEnumerable<SourceSettings> sources, CancellationToken ct)
    {
        var raised = new List<Notice>();
        foreach (var source in sources)
        {
            try
            {
                var snapshot = await SnapshotAsync(source, ct);
                var assessment = SourceAssessment.Of(snapshot, time.GetUtcNow(), options.Value);
                raised.AddRange(await ReconcileAsync(source, Silent, assessment.Silent, ct));
                raised.AddRange(await ReconcileAsync(source, Quiet, assessment.Quiet, ct));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One source's trouble (a broker blip while raising) must not hide the others; the next check retries.
                Log.WatchFailed(logger, e, source.Id);
            }
        }

        return raised;
    }

    private async Task<IEnumerable<Notice>> ReconcileAsync(SourceSettings source, string kind, string? reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        DateTimeOffset? openedAt = null;
        await using (var find = new NpgsqlCommand("select opened_at from source_incidents where source_id = @id and kind = @kind and closed_at is null", connection))
        {
            find.Parameters.AddWithValue("id", source.Id);
            find.Parameters.AddWithValue("kind", kind);
            if (await find.ExecuteScalarAsync(ct) is DateTime opened) openedAt = new DateTimeOffset(opened, TimeSpan.Zero);
        }

        if (reason is not null)
        {
            var isNew = openedAt is null;
            if (isNew)
            {
                await using var open = new NpgsqlCommand(
                    "insert into source_incidents (source_id, kind, opened_at, reason) values (@id, @kind, @now, @reason) on conflict do nothing", connection);
                open.Parameters.AddWithValue("id", source.Id);
                open.Parameters.AddWithValue("kind", kind);
                open.Parameters.AddWithValue("now", now);
                open.Parameters.AddWithValue("reason", reason);
                if (await open.ExecuteNonQueryAsync(ct) == 0) return [];   // another instance opened it just now
                openedAt = now;
                Log.SourceIncident(logger, source.Id, kind, reason);
            }

            // Raised again on every check while open: a no-op, except that it republishes an alert whose publish was lost.
            var notice = IncidentNotice(source, kind, openedAt!.Value, reason);
            var (_, wasRaised) = await alerts.RaiseNoticeAsync(notice, ct);
            return wasRaised ? [notice] : [];
        }

        if (openedAt is null) return [];
        await using (var close = new NpgsqlCommand(
            "update source_incidents set closed_at = @now where source_id = @id and kind = @kind and closed_at is null", connection))
        {
            close.Parameters.AddWithValue("id", source.Id);
            close.Parameters.AddWithValue("kind", kind);
            close.Parameters.AddWithValue("now", now);
            await close.ExecuteNonQueryAsync(ct);
        }

        Log.SourceRecovered(logger, source.Id, kind);
        var recovered = RecoveryNotice(source, kind, openedAt.Value, now);
        await alerts.RaiseNoticeAsync(recovered, ct);
        return [recovered];
    }

    private Notice IncidentNotice(SourceSettings source, string kind, DateTimeOffset openedAt, string reason) => new()
    {
        Team = options.Value.Team,
        Kind = AlertKinds.SourceSilent,
        Subject = Subject(source, kind, openedAt),
        Headline = kind == Silent
            ? $"Source {source.Id} ({source.Platform}) has stopped polling: mentions there are not being watched"
            : $"Source {source.Id} ({source.Platform}) has gone quiet: nothing new for far longer than usual",
        Details =
        [
            $"Source {source.Id} {reason}.",
            "Until it recovers, posts on this platform may reach no one. Check the platform's status and the source's "
            + $"credentials, and try `mentionwatch poll {source.Id} --once`.",
        ],
    };

    private Notice RecoveryNotice(SourceSettings source, string kind, DateTimeOffset openedAt, DateTimeOffset now) => new()
    {
        Team = options.Value.Team,
        Kind = AlertKinds.SourceSilent,
        Subject = Subject(source, kind, openedAt) + ":recovered",
        Headline = $"Source {source.Id} ({source.Platform}) has recovered",
        Details = [$"The incident opened at {openedAt:u} ({kind}) ended at {now:u}; its mentions are being collected again, including the ones posted meanwhile where the platform still returns them."],
    };

    private static string Subject(SourceSettings source, string kind, DateTimeOffset openedAt) =>
        $"source:{source.Id}:{kind}:{openedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}";

    private async Task<SourceSnapshot> SnapshotAsync(SourceSettings source, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var ensure = new NpgsqlCommand(
            """
            insert into sources (id, platform, watched_since) values (@id, @platform, @now)
            on conflict (id) do update set watched_since = coalesce(sources.watched_since, @now)
            """, connection))
        {
            ensure.Parameters.AddWithValue("id", source.Id);
            ensure.Parameters.AddWithValue("platform", source.Platform);
            ensure.Parameters.AddWithValue("now", now);
            await ensure.ExecuteNonQueryAsync(ct);
        }

        await using var command = new NpgsqlCommand(
            """
            with arrivals as (
                select distinct date_trunc('minute', first_seen_at) as t from mentions
                where source_id = @id and first_seen_at > @window),
            gaps as (select extract(epoch from t - lag(t) over (order by t)) as seconds from arrivals)
            select s.watched_since, s.last_success_at, s.last_error, s.last_error_at, s.backoff_until,
                   (select max(first_seen_at) from mentions where source_id = @id),
                   (select count(seconds) from gaps),
                   (select percentile_cont(0.95) within group (order by seconds) from gaps where seconds is not null)
            from sources s where s.id = @id
            """, connection);
        command.Parameters.AddWithValue("id", source.Id);
        command.Parameters.AddWithValue("window", now - options.Value.RhythmWindow);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new SourceSnapshot
        {
            SourceId = source.Id,
            Platform = source.Platform,
            Interval = TimeSpan.FromSeconds(source.IntervalSeconds),
            WatchedSince = reader.GetFieldValue<DateTimeOffset>(0),
            WatchStartedAt = started.At,
            LastSuccessAt = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1),
            LastError = reader.IsDBNull(2) ? null : reader.GetString(2),
            LastErrorAt = reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
            BackoffUntil = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
            LastItemAt = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
            GapCount = (int)reader.GetInt64(6),
            UsualLongestGap = reader.IsDBNull(7) ? null : TimeSpan.FromSeconds(reader.GetDouble(7)),
        };
    }
}
