using Npgsql;

namespace MentionWatch.IntegrationTests.Reliability;

/// <summary>The count at the end of a fault test: every mention once, every alert once, nothing left behind.</summary>
internal static class Outcome
{
    /// <summary>
    /// Options that make a replay of a thousand mentions last several polls, and recover quickly from an outage. The rules
    /// classify alone: the faults are the subject here, and a process that first loads the sentence model would have
    /// stored the whole replay before the fault could strike mid-run.
    /// </summary>
    public static readonly string[] FaultArgs =
    [
        "--Triage:Model:Enabled=false",
        "--Polling:MaxPagesPerPoll=1",
        "--Polling:PublishTimeout=00:00:02",
        "--Polling:RepublishAfter=00:00:02",
        "--Polling:SweepInterval=00:00:01",
        // Retries as long in all as the service's (about a minute and a half), in steps of at most 5 s instead of 30 s:
        // once a server is back, what failed is retried within seconds, so a run does not sit out a 30 s back-off.
        "--Messaging:RetryLimit=20",
        "--Messaging:RetryMaxInterval=00:00:05",
        // The watchdog looks every second, so a stuck bus is replaced a limit after it stuck, not up to 15 s later.
        "--Messaging:WatchdogInterval=00:00:01",
        // A killed worker's deliveries are taken over 20 s after it claimed them, not a minute.
        "--Alerts:DeliveryLease=00:00:20",
    ];

    public static async Task<long> CountAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits (bounded) for a count to reach a state; fails with the last value seen.</summary>
    public static Task WaitUntilAsync(NpgsqlDataSource db, string sql, Func<long, bool> done, TimeSpan? limit = null) =>
        Eventually.ReachesAsync(() => CountAsync(db, sql), done, $"'{sql}'", limit);

    /// <summary>
    /// Waits until the pipeline is quiescent for <paramref name="count"/> replayed mentions — every one stored,
    /// published and classified, every alert sent, and nothing changed between two snapshots a second apart — then
    /// asserts on that one snapshot that none was lost and none doubled.
    /// </summary>
    /// <returns>The quiescent snapshot, for further checks.</returns>
    public static async Task<Snapshot> ShouldBeCompleteAsync(NpgsqlDataSource db, int count)
    {
        Snapshot? previous = null;
        var settled = await Eventually.ReachesAsync(
            async () =>
            {
                var now = await Snapshot.TakeAsync(db);
                var quiet = now.Verdicts >= count && now.Unpublished == 0 && now.AlertsNotSent == 0 && now == previous;
                previous = now;
                return (now, quiet);
            },
            r => r.quiet, "the pipeline to settle (all classified, all published, all alerts sent, two equal snapshots)",
            TimeSpan.FromMinutes(4), TimeSpan.FromSeconds(1));
        var s = settled.now;

        Check.Equal(s.Mentions, count, "mentions stored", s);
        Check.Equal(s.MaxCursor, count, "replay lines consumed (cursor)", s);
        Check.Equal(s.Verdicts, count, "verdicts", s);
        Check.Equal(s.MentionsWithVerdict, count, "mentions with a verdict", s);
        Check.That(s.Alerts > count / 2, $"expected more than {count / 2} alerts; {s}");
        Check.Equal(s.DuplicateAlerts, 0, "(mention, team) pairs alerted more than once", s);
        // An alert raised twice would be audited twice; a delivery sent twice would have two rows.
        if (s.RaisedAudits != s.Alerts) Check.Fail($"alert.raised audit rows {s.RaisedAudits} but alerts {s.Alerts}; {await AuditMismatchAsync(db)}; {s}");
        Check.Equal(s.Deliveries, s.Alerts, "deliveries (one per alert)", s);
        Check.Equal(s.Sent, s.Alerts, "deliveries sent (one per alert)", s);
        return s;
    }

    /// <summary>The ids of the deliveries marked sent.</summary>
    public static async Task<HashSet<string>> SentKeysAsync(NpgsqlDataSource db)
    {
        var sent = new HashSet<string>(StringComparer.Ordinal);
        await using var command = db.CreateCommand("select idempotency_key from deliveries where status = 'sent'");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) sent.Add(reader.GetString(0));
        return sent;
    }

    /// <summary>
    /// Checks the console channel's file against the deliveries marked sent: each one reached the channel (a send is
    /// written before it is marked sent) and none reached it twice (the channel writes a delivery id once).
    /// </summary>
    public static async Task ChannelReceivedEverySentDeliveryAsync(NpgsqlDataSource db, string alertsFile, Snapshot settled)
    {
        var lines = File.ReadLines(alertsFile)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("idempotencyKey").GetString()!).ToList();
        var received = lines.ToHashSet();
        var sent = await SentKeysAsync(db);
        var missing = sent.Where(k => !received.Contains(k)).ToList();
        Check.That(missing.Count == 0, $"{missing.Count} sent deliveries never reached the channel, e.g. {string.Join(", ", missing.Take(5))}; {settled}");
        var repeated = lines.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Check.That(repeated.Count == 0, $"{repeated.Count} deliveries reached the channel more than once, e.g. {string.Join(", ", repeated.Take(5))}; {settled}");
    }

    /// <summary>Which alerts and audit rows do not pair up: for a one-line diagnosis of an audit mismatch.</summary>
    private static async Task<string> AuditMismatchAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand(
            """
            select
              (select count(*) from audit_log l where l.action = 'alert.raised' and not exists (select 1 from alerts a where a.id::text = l.entity_id)),
              (select count(*) from alerts a where not exists (select 1 from audit_log l where l.action = 'alert.raised' and l.entity_id = a.id::text)),
              (select count(*) from (select entity_id from audit_log where action = 'alert.raised' group by 1 having count(*) > 1) d),
              (select string_agg(entity_id, ',') from (select entity_id from audit_log where action = 'alert.raised' group by 1 having count(*) > 1 limit 10) d)
            """);
        await using var r = await command.ExecuteReaderAsync();
        await r.ReadAsync();
        return $"audit rows naming no alert {r.GetInt64(0)}, alerts with no audit row {r.GetInt64(1)}, alerts audited twice {r.GetInt64(2)} (ids {(r.IsDBNull(3) ? "none" : r.GetString(3))})";
    }
}

/// <summary>
/// The fault tests' counts, read by one statement and so from one snapshot of the database: comparing counts read
/// at different moments while the pipeline still works compares two different states.
/// </summary>
internal sealed record Snapshot(
    long Mentions, long Unpublished, long Verdicts, long MentionsWithVerdict, long Alerts, long Notices, long AlertsNotSent,
    long RaisedAudits, long Deliveries, long Sent, long DuplicateAlerts, long MaxCursor)
{
    public static async Task<Snapshot> TakeAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand(
            $"""
            select
              (select count(*) from mentions),
              (select count(*) from mentions where published_at is null),
              (select count(*) from verdicts),
              (select count(distinct mention_id) from verdicts),
              (select count(*) from alerts),
              (select count(*) from alerts where kind <> 'mention'),
              (select count(*) from alerts a where not exists (select 1 from deliveries d where d.alert_id = a.id and d.status = 'sent')),
              (select count(*) from audit_log where action = 'alert.raised'),
              (select count(*) from deliveries),
              (select count(*) from deliveries where status = 'sent'),
              ({Pipeline.DuplicateAlertsSql}),
              (select coalesce(max(cursor::bigint), 0) from sources)
            """);
        await using var r = await command.ExecuteReaderAsync();
        await r.ReadAsync();
        return new Snapshot(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5),
            r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.GetInt64(10), r.GetInt64(11));
    }
}
