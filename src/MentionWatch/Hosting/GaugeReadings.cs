using MentionWatch.Alerts;
using MentionWatch.Foi;
using MentionWatch.Messaging;
using MentionWatch.Metrics;
using MentionWatch.Polling;
using Microsoft.Extensions.Options;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace MentionWatch.Hosting;

/// <summary>
/// Reads the gauges' figures — one round trip of five queries to PostgreSQL, each on an index, and a passive declare
/// of each queue on a short RabbitMQ connection — at most once per <see cref="MetricsOptions.GaugeCacheDuration"/>,
/// however often <c>/metrics</c> is scraped and however many replicas are. A scrape waits up to
/// <see cref="ReadWait"/> for fresh figures, then takes the last ones.
/// </summary>
public sealed partial class GaugeReadings(
    NpgsqlDataSource dataSource,
    FoiClock foiClock,
    IOptions<PollingOptions> polling,
    IOptions<MetricsOptions> options,
    IOptions<MessagingOptions> messaging,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<GaugeReadings> logger) : IGaugeReadings
{
    /// <summary>"Due soon" for FOI cases: the FOI team's own look-ahead.</summary>
    public const int FoiDueSoonWorkingDays = 5;

    /// <summary>
    /// How many of the newest mentions the consumer lag looks at, so its cost stays bounded as the table grows: days
    /// of a trust's mentions. A backlog deeper than this reads as the age of the oldest of them, a lower bound.
    /// </summary>
    public const int LagWindow = 20_000;

    private static readonly TimeSpan ReadWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private GaugeSnapshot _current = GaugeSnapshot.Empty;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    private Task? _reading;

    /// <inheritdoc />
    public GaugeSnapshot Current()
    {
        Task reading;
        lock (_gate)
        {
            if (time.GetUtcNow() - _readAt < options.Value.GaugeCacheDuration) return _current;
            // Task.Run: the read always completes after this assignment, so its end clears it.
            reading = _reading ??= Task.Run(ReadAsync);
        }

        // Gauges are observed synchronously; the wait is bounded and happens once per cache period.
        reading.Wait(ReadWait);
        lock (_gate) return _current;
    }

    private async Task ReadAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        var now = time.GetUtcNow();
        GaugeSnapshot snapshot;
        try
        {
            snapshot = await ReadDatabaseAsync(now, timeout.Token);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException or InvalidOperationException)
        {
            LogReadFailed(logger, "PostgreSQL", e.Message);
            snapshot = GaugeSnapshot.Empty;
        }

        if (options.Value.QueueDepth)
        {
            try
            {
                snapshot = snapshot with { Queues = await ReadQueuesAsync(timeout.Token) };
            }
            catch (Exception e) when (e is BrokerUnreachableException or OperationInterruptedException or IOException or OperationCanceledException or TimeoutException)
            {
                LogReadFailed(logger, "RabbitMQ", e.Message);
            }
        }

        lock (_gate)
        {
            _current = snapshot;
            _readAt = now;
            _reading = null;
        }
    }

    private async Task<GaugeSnapshot> ReadDatabaseAsync(DateTimeOffset now, CancellationToken ct)
    {
        var today = foiClock.Today(time);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command("select id, extract(epoch from @now - last_success_at)::float8 from sources where id = any(@sources) and last_success_at is not null order by id",
                    ("now", now), ("sources", polling.Value.Sources.Where(s => s.Enabled).Select(s => s.Id).ToArray())),
                Command($"""
                    select team, count(*), count(*) filter (where due_at <= @now) from alerts
                    where acknowledged_at is null and state <> '{AlertStates.Closed}' and {SlaFigures.CountedKinds}
                    group by team order by team
                    """, ("now", now)),
                Command("""
                    select count(*) filter (where due_date >= @today and due_date <= @soon), count(*) filter (where due_date < @today)
                    from foi_cases where state = any(@running)
                    """, ("today", today), ("soon", foiClock.Calendar.AddWorkingDays(today, FoiDueSoonWorkingDays)),
                    ("running", FoiCaseStates.ClockRunning.Select(FoiCaseStates.ToText).ToArray())),
                Command("select count(*) from mentions where published_at is null"),
                Command("""
                    select id, extract(epoch from backoff_until - @now)::float8, coalesce(substring(last_error from '^throttled: shared limit (\S+) '), 'source')
                    from sources where id = any(@sources) and backoff_until > @now order by id
                    """, ("now", now), ("sources", polling.Value.Sources.Where(s => s.Enabled).Select(s => s.Id).ToArray())),
                Command("""
                    select coalesce(extract(epoch from @now - min(m.first_seen_at))::float8, 0)
                    from (select id, first_seen_at from mentions order by id desc limit @window) m
                    where not exists (select 1 from verdicts v where v.mention_id = m.id)
                    """, ("now", now), ("window", LagWindow)),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var ages = new List<(string, double)>();
        while (await reader.ReadAsync(ct)) ages.Add((reader.GetString(0), reader.GetDouble(1)));
        await reader.NextResultAsync(ct);
        var alerts = new List<(string, long, long)>();
        while (await reader.ReadAsync(ct)) alerts.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        var (dueSoon, overdue) = (reader.GetInt64(0), reader.GetInt64(1));
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        var unpublished = reader.GetInt64(0);
        await reader.NextResultAsync(ct);
        var backoffs = new List<(string, double, string)>();
        while (await reader.ReadAsync(ct)) backoffs.Add((reader.GetString(0), reader.GetDouble(1), reader.GetString(2)));
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        return new GaugeSnapshot
        {
            CursorAges = ages,
            Backoffs = backoffs,
            Alerts = alerts,
            FoiCasesDueSoon = dueSoon,
            FoiCasesOverdue = overdue,
            UnpublishedMentions = unpublished,
            UnclassifiedAgeSeconds = Math.Max(0, reader.GetDouble(0)),
        };
    }

    private async Task<IReadOnlyList<(string, long, long)>> ReadQueuesAsync(CancellationToken ct)
    {
        var broker = configuration.GetConnectionString("RabbitMq");
        if (broker is null) return [];
        var factory = new ConnectionFactory
        {
            Uri = new Uri(broker),
            ClientProvidedName = "mentionwatch metrics",
            RequestedConnectionTimeout = ReadTimeout,
            AutomaticRecoveryEnabled = false,
        };
        await using var connection = await factory.CreateConnectionAsync(ct);
        var queues = new List<(string, long, long)>();
        foreach (var queue in ServiceQueues.Names(messaging.Value.QueuePrefix).SelectMany(q => new[] { q, q + ErrorQueueReplayer.ErrorSuffix }))
        {
            // A passive declare of a queue that does not exist (no error yet) closes the channel: one channel each.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
            try
            {
                var declared = await channel.QueueDeclarePassiveAsync(queue, ct);
                queues.Add((queue, declared.MessageCount, declared.ConsumerCount));
            }
            catch (OperationInterruptedException)
            {
                // Not declared yet: an error queue appears with its first failed message.
                if (queue.EndsWith(ErrorQueueReplayer.ErrorSuffix, StringComparison.Ordinal)) queues.Add((queue, 0, 0));
            }
        }

        return queues;
    }

    private static NpgsqlBatchCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "Metrics: could not read the gauges' figures from {Server}: {Reason}")]
    private static partial void LogReadFailed(ILogger logger, string server, string reason);
}
