using System.Diagnostics;
using System.Globalization;
using MentionWatch.Hosting;
using MentionWatch.Messaging;
using MentionWatch.Mentions;
using MentionWatch.Persistence;
using MentionWatch.Polling;
using MentionWatch.Sources;
using MentionWatch.Sources.Replay;
using MentionWatch.Triage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MentionWatch.Bench;

/// <summary>
/// Measures the service on real servers and prints one table: (a) classifier throughput on one thread; (b) ingest,
/// mentions stored per second through the poll path (replay adapter, store, publish) while the consumers run;
/// (c) end to end, mentions per second from stored to verdict and alerts stored, sustained over the same run, and
/// the latency from stored to alerts stored at a steady arrival rate; (d) the process's memory at that steady state;
/// (e) the learned model. Before and after the service's phases it measures (f) the ceilings of the same servers (raw
/// PostgreSQL batched inserts, raw RabbitMQ publish-confirm-consume), and prints each throughput as a share of them.
/// The whole service runs in this process, against a database created for the run and dropped after it.
/// </summary>
internal sealed class BenchRunner(BenchSettings settings, TextWriter output)
{
    /// <summary>Ingest's goal: this share of the slower ceiling.</summary>
    private const double IngestGoal = 0.5;

    public async Task<BenchReport> RunAsync(CancellationToken ct)
    {
        var figures = new List<Figure>();
        var sample = ReadSample();
        figures.Add(await ClassifierFigureAsync(sample));
        if (settings.ClassifierOnly)
        {
            figures.Add(await new ModelBench(settings.CorpusPath, settings.TrustPath, output).RunAsync(ct));
            return new BenchReport(figures, null);
        }

        var database = $"mw_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await using (var admin = NpgsqlDataSource.Create(settings.Postgres))
        await using (var create = admin.CreateCommand($"create database {database}"))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(settings.Postgres) { Database = database }.ConnectionString;
        var replayFile = Path.Combine(Path.GetTempPath(), $"{database}.jsonl");
        var alertsFile = Path.Combine(Path.GetTempPath(), $"{database}-alerts.jsonl");
        var day = new DayMix(sample, "bench");
        await File.WriteAllLinesAsync(replayFile, Enumerable.Range(0, settings.Mentions).Select(i => day.Mention(i, $"bench-{i}").RawPayload), ct);
        var console = Console.Out;
        Ceilings ceilings;
        try
        {
            var before = await MeasureCeilingsAsync(connectionString, sample, "before", ct);
            // The console channel would print every alert: keep its file, drop its terminal output.
            Console.SetOut(TextWriter.Null);
            var app = MentionWatchHost.Build(
            [
                $"--ConnectionStrings:Postgres={connectionString}",
                $"--ConnectionStrings:RabbitMq={settings.RabbitMq}",
                $"--Messaging:QueuePrefix={database.Replace('_', '-')}",
                $"--Trust:ProfilePath={settings.TrustPath}",
                // Present for the poll job, not scheduled: the bench drives it.
                "--Sources:0:Id=bench-replay", "--Sources:0:Platform=replay", "--Sources:0:Enabled=false",
                $"--Sources:0:Settings:Path={replayFile}",
                $"--Alerts:Console:JsonlPath={alertsFile}",
                "--Alerts:DemoMode=true",
                "--Web:AllowPlainHttp=true",
                "--Polling:MaxPagesPerPoll=1000",
                "--urls=http://127.0.0.1:0",
                "--Logging:LogLevel:Default=Warning",
            ]);
            await app.Services.GetRequiredService<Migrator>().MigrateAsync(ct);
            await app.StartAsync(ct);
            try
            {
                var db = app.Services.GetRequiredService<NpgsqlDataSource>();
                // Steady first: its memory is the service's at a steady rate, not what a burst left behind.
                var steady = await SteadyLatencyAsync(app.Services, db, sample, ct);
                figures.AddRange(await IngestAndSustainedAsync(app.Services, db, ct));
                figures.Add(await CatchUpAsync(app.Services, db, sample, ct));
                figures.AddRange(steady);
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
                await app.DisposeAsync();
            }

            ceilings = Ceilings.Mean(before, await MeasureCeilingsAsync(connectionString, sample, "after", ct));
        }
        finally
        {
            Console.SetOut(console);
            File.Delete(replayFile);
            File.Delete(alertsFile);
            await ServiceQueues.DeleteAsync(new Uri(settings.RabbitMq), database.Replace('_', '-'), CancellationToken.None);
            NpgsqlConnection.ClearAllPools();
            await using var admin = NpgsqlDataSource.Create(settings.Postgres);
            await using var drop = admin.CreateCommand($"drop database if exists {database} with (force)");
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }

        // Last: the model's own measure embeds thousands of corpus posts, whose memory must not count in (d).
        figures.Add(await new ModelBench(settings.CorpusPath, settings.TrustPath, output).RunAsync(ct));
        return new BenchReport(figures, ceilings);
    }

    /// <summary>The servers' own limits, on the run's database and broker, as many rows and messages as the run has mentions.</summary>
    private async Task<Ceilings> MeasureCeilingsAsync(string connectionString, List<FetchedMention> sample, string when, CancellationToken ct)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        var postgres = await new PostgresCeiling(db, sample).MeasureAsync(settings.Mentions, ct);
        var rabbit = await new RabbitMqCeiling(new Uri(settings.RabbitMq)).MeasureAsync(settings.Mentions, ct);
        await output.WriteLineAsync($"ceilings {when}: PostgreSQL {postgres:N0} mention rows/s, RabbitMQ {rabbit:N0} messages/s of {RabbitMqCeiling.Body.Length:N0} bytes");
        return new Ceilings(postgres, rabbit);
    }

    private List<FetchedMention> ReadSample()
    {
        var sample = File.ReadLines(settings.SamplePath).Where(l => l.Length > 0)
            .Select(l => ReplaySource.TryMap(l, out var m, out _) ? m : null).OfType<FetchedMention>().ToList();
        return sample.Count > 0 ? sample : throw new InvalidOperationException($"No mentions in {settings.SamplePath}.");
    }

    private async Task<Figure> ClassifierFigureAsync(List<FetchedMention> sample)
    {
        var (perSecond, perCpuSecond) = ClassifierThroughput(sample);
        // The wall-clock rate is the figure; on a machine shared with other work it drops whenever the thread waits for
        // a core, so the rate per second of CPU the process used is printed beside it.
        await output.WriteLineAsync($"classifier: {perSecond:N0} mentions/s ({perCpuSecond:N0} per CPU-second)");
        return new Figure("(a) classifier, 1 thread", $"{perSecond:N0} mentions/s", "≥ 50,000/s", perSecond >= 50_000);
    }

    private (double PerSecond, double PerCpuSecond) ClassifierThroughput(List<FetchedMention> sample)
    {
        var engine = TriageEngine.Create(TrustProfile.Load(settings.TrustPath));
        var inputs = sample.Select(m => new TriageInput
        {
            Platform = m.Platform, Text = m.Text, AuthorHandle = m.AuthorHandle, AuthorDisplayName = m.AuthorDisplayName,
            AuthorDescription = m.AuthorDescription, AuthorVerified = m.AuthorVerified, Lang = m.Lang, InReplyTo = m.InReplyTo,
        }).ToArray();
        // Warm up for a while, not one pass: after one pass most of the classifier still runs as tier-0 JIT code and
        // the regexes' automata are half built, which a service classifying for hours never sees (eval does the same).
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < settings.ClassifyWarmUpFor)
        {
            foreach (var input in inputs) engine.Classify(input);
        }

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        long done = 0;
        while (watch.Elapsed < settings.ClassifyFor)
        {
            foreach (var input in inputs) engine.Classify(input);
            done += inputs.Length;
        }

        var elapsed = watch.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        return (done / elapsed.TotalSeconds, done / cpu.TotalSeconds);
    }

    private async Task<IEnumerable<Figure>> IngestAndSustainedAsync(IServiceProvider services, NpgsqlDataSource db, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var job = ActivatorUtilities.CreateInstance<PollSourceJob>(scope.ServiceProvider);
        var source = services.GetRequiredService<IOptions<PollingOptions>>().Value.Sources.Single();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var (gen0, gen2, pauses) = (GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var watch = Stopwatch.StartNew();
        var stored = 0;
        while (stored < settings.Mentions)
        {
            var polled = await job.PollAsync(source, ct);
            if (polled == 0) throw new InvalidOperationException($"The poll stored nothing after {stored:N0} mentions; see the source's last_error.");
            stored += polled;
        }
        var ingest = stored / watch.Elapsed.TotalSeconds;
        await output.WriteLineAsync($"ingest: {stored:N0} mentions stored in {watch.Elapsed.TotalSeconds:N1} s");

        await WaitForVerdictsAsync(db, settings.Mentions + (long)await ScalarAsync(db, "select count(*) from mentions where source_id = 'bench-steady'", ct), ct);
        var sustained = await ScalarAsync(db,
            "select count(*) / extract(epoch from max(v.created_at) - min(m.first_seen_at)) from mentions m join verdicts v on v.mention_id = m.id where m.source_id = 'bench-replay'", ct);
        // CPU of this process per mention (poll, store, publish, classify, alert, deliver): a figure that other work on
        // a shared machine does not move, unlike the rates.
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / settings.Mentions;
        await output.WriteLineAsync($"end to end: {settings.Mentions:N0} mentions classified and alerted in {watch.Elapsed.TotalSeconds:N1} s, {cpuMs:N2} ms CPU each in this process; "
            + $"{GC.CollectionCount(0) - gen0} collections ({GC.CollectionCount(2) - gen2} full), paused {(GC.GetTotalPauseDuration() - pauses).TotalMilliseconds:N0} ms");
        // One alert per story: the alerts raised, and those the copies would have raised had each alerted on its own
        // (its story's teams), per 1,000 mentions.
        var raised = await ScalarAsync(db, "select count(*) from alerts a join mentions m on m.id = a.mention_id where m.source_id = 'bench-replay'", ct);
        var spared = await ScalarAsync(db, "select count(*) from mentions c join alerts a on a.mention_id = c.story_id where c.source_id = 'bench-replay'", ct);
        var stories = await ScalarAsync(db, "select count(*) from mentions where source_id = 'bench-replay' and story_id is null", ct);
        var originals = DayMix.Originals(settings.Mentions);
        var ownCopies = await ScalarAsync(db,
            "select count(*) from mentions where source_id = 'bench-replay' and story_id is null and author_handle ~ '^(sharer|paster|editor)[0-9]+$'", ct);
        var cases = await ScalarAsync(db, "select count(*) from foi_cases c join mentions m on m.id = c.mention_id where m.source_id = 'bench-replay'", ct);
        var caseCopies = await ScalarAsync(db,
            "select count(*) from foi_cases c join mentions m on m.id = c.mention_id where m.source_id = 'bench-replay' and m.author_handle ~ '^(sharer|paster|editor)[0-9]+$'", ct);
        await output.WriteLineAsync($"stories: {stories:N0} of {settings.Mentions:N0} mentions head a story: the mix's {originals:N0} posts of their own, "
            + $"and {ownCopies:N0} copies alerted on their own (distress or an FOI request pasted by another person, a share that adds a team); "
            + $"{1000 * raised / settings.Mentions:N1} alerts per 1,000 mentions, {1000 * (raised + spared) / settings.Mentions:N1} had every copy alerted; "
            + $"{cases:N0} FOI cases ({caseCopies:N0} of them another person's pasted request)");
        return
        [
            new Figure("(b) ingest through the poll path", $"{ingest:N0} mentions/s", $"≥ {IngestGoal:P0} of slower", null) { PerSecond = ingest, GoalOfSlower = IngestGoal },
            new Figure("(c) end to end, sustained (store → alerts)", $"{sustained:N0} mentions/s", "≥ 2,000/s", sustained >= 2_000) { PerSecond = sustained },
            new Figure("(c) CPU of the service process per mention", $"{cpuMs:N2} ms", "", null),
        ];
    }

    /// <summary>
    /// Catching up after an outage: a backlog of stored mentions, as a broker outage leaves behind, is published at once
    /// (as the sweeper would) and the time until every one has its verdict and alerts is measured, publishing included.
    /// Tells an operator how long a backlog takes to clear; slower than the sustained rate, as the broker then holds
    /// the whole backlog at once.
    /// </summary>
    private async Task<Figure> CatchUpAsync(IServiceProvider services, NpgsqlDataSource db, List<FetchedMention> sample, CancellationToken ct)
    {
        // The last phase's alerts are still being delivered: let them finish, so this phase has the machine to itself.
        await WaitUntilAsync(db, "select count(*) from alerts where delivery_plan is null", n => n == 0, "alerts were still undelivered", ct);
        var store = services.GetRequiredService<MentionStore>();
        var source = new SourceSettings { Id = "bench-backlog", Platform = "replay" };
        var ids = new List<long>(settings.Mentions);
        for (var first = 0; first < settings.Mentions; first += ReplaySource.PageSize)
        {
            var page = Page(sample, first, Math.Min(ReplaySource.PageSize, settings.Mentions - first), "backlog");
            ids.AddRange(await store.StorePageAsync(source, page, ct));
        }

        var before = (long)await ScalarAsync(db, "select count(*) from verdicts", ct);
        var watch = Stopwatch.StartNew();
        using (var scope = services.CreateScope())
        {
            var publisher = scope.ServiceProvider.GetRequiredService<MentionPublisher>();
            foreach (var chunk in ids.Chunk(ReplaySource.PageSize)) await publisher.TryPublishAsync(chunk, ct);
        }

        await WaitForVerdictsAsync(db, before + ids.Count, ct);
        var perSecond = ids.Count / watch.Elapsed.TotalSeconds;
        await output.WriteLineAsync($"catch-up: a backlog of {ids.Count:N0} stored mentions classified and alerted in {watch.Elapsed.TotalSeconds:N1} s");
        return new Figure("(c) catch-up: a stored backlog → alerts", $"{perSecond:N0} mentions/s", "", null) { PerSecond = perSecond };
    }

    private async Task<IEnumerable<Figure>> SteadyLatencyAsync(IServiceProvider services, NpgsqlDataSource db, List<FetchedMention> sample, CancellationToken ct)
    {
        var store = services.GetRequiredService<MentionStore>();
        var source = new SourceSettings { Id = "bench-steady", Platform = "replay" };
        var firstId = (long)await ScalarAsync(db, "select coalesce(max(id), 0) from mentions", ct);
        // Ten arrivals a second, each a page of rate/10 mentions, as a poller on a busy source would store them.
        var perTick = Math.Max(1, settings.Rate / 10);
        var ticks = (int)(settings.SteadyFor.TotalSeconds * 10);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var process = Process.GetCurrentProcess();
        long peakWorkingSet = 0;
        var late = 0;
        for (var tick = 0; tick < ticks && await timer.WaitForNextTickAsync(ct); tick++)
        {
            var tickStart = Stopwatch.GetTimestamp();
            var page = Page(sample, tick * perTick, perTick, "steady");
            using var scope = services.CreateScope();
            var ids = await store.StorePageAsync(source, page, ct);
            await scope.ServiceProvider.GetRequiredService<MentionPublisher>().TryPublishAsync(ids, ct);
            if (Stopwatch.GetElapsedTime(tickStart) > TimeSpan.FromMilliseconds(100)) late++;
            if (tick % 10 == 0)
            {
                process.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
            }
        }

        var count = perTick * ticks;
        await WaitForVerdictsAsync(db, count, ct);
        process.Refresh();
        peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
        var gc = GC.GetGCMemoryInfo();
        var live = GC.GetTotalMemory(forceFullCollection: true);
        await using var command = db.CreateCommand(
            """
            select percentile_cont(array[0.5, 0.95, 0.99]) within group (order by extract(epoch from v.created_at - m.first_seen_at))
            from mentions m join verdicts v on v.mention_id = m.id where m.id > @first
            """);
        command.Parameters.AddWithValue("first", firstId);
        var p = (double[])(await command.ExecuteScalarAsync(ct))!;
        var (p50, p95, p99) = (p[0] * 1000, p[1] * 1000, p[2] * 1000);
        await output.WriteLineAsync($"steady: {count:N0} mentions at {settings.Rate}/s ({late} ticks late); p50 {p50:N0} ms, p95 {p95:N0} ms, p99 {p99:N0} ms");
        var workingSetMb = peakWorkingSet / 1024.0 / 1024.0;
        return
        [
            new Figure($"(c) latency store → alerts at {settings.Rate}/s, p50", $"{p50:N0} ms", "", null),
            new Figure($"(c) latency store → alerts at {settings.Rate}/s, p95", $"{p95:N0} ms", "", null),
            new Figure($"(c) latency store → alerts at {settings.Rate}/s, p99", $"{p99:N0} ms", "< 500 ms", p99 < 500),
            new Figure("(d) memory at steady state, peak working set", $"{workingSetMb:N0} MB", "< 300 MB", workingSetMb < 300),
            new Figure("(d) memory at steady state, GC heap", $"{gc.HeapSizeBytes / 1024.0 / 1024.0:N0} MB", "", null),
            new Figure("(d) memory at steady state, live objects", $"{live / 1024.0 / 1024.0:N0} MB", "", null),
        ];
    }

    private static Task WaitForVerdictsAsync(NpgsqlDataSource db, long expected, CancellationToken ct) =>
        WaitUntilAsync(db, "select count(*) from verdicts", n => n >= expected, $"mentions were classified, of {expected:N0}", ct);

    /// <summary>Polls a count until it is done, for at most ten minutes; the timeout names the count it stopped at.</summary>
    private static async Task WaitUntilAsync(NpgsqlDataSource db, string sql, Func<double, bool> done, string what, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        double seen;
        while (!done(seen = await ScalarAsync(db, sql, ct)))
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"after ten minutes {seen:N0} {what}");
            await Task.Delay(50, ct);
        }
    }

    private static async Task<double> ScalarAsync(NpgsqlDataSource db, string sql, CancellationToken ct)
    {
        await using var command = db.CreateCommand(sql);
        return Convert.ToDouble(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>A page of <paramref name="count"/> mentions of the day's mix (<see cref="DayMix"/>) from number <paramref name="first"/> on, each with an id of its own.</summary>
    private static SourcePage Page(List<FetchedMention> sample, int first, int count, string prefix) => new()
    {
        Mentions = Enumerable.Range(first, count).Select(i => new DayMix(sample, prefix).Mention(i, $"{prefix}-{i}")).ToList(),
    };
}
