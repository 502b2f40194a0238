using MassTransit;
using MentionWatch.Hosting;
using MentionWatch.Metrics;
using MentionWatch.Persistence;
using MentionWatch.Polling;
using MentionWatch.Sources;
using MentionWatch.Sources.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MentionWatch.IntegrationTests.Sources;

/// <summary>
/// One adapter against its fake platform on a fresh, migrated database, polled through the real
/// <see cref="PollSourceJob"/> and <see cref="Mentions.MentionStore"/> (no broker: the publisher finds the bus not
/// started and leaves the mentions to the sweeper). HTTP: two attempts, no retry delay, 1 s per attempt; a wait for a
/// turn on a rate-limited host moves the clock instead of taking time (<see cref="WaitsPassAtOnceClock"/>).
/// </summary>
public sealed class AdapterHarness : IAsyncDisposable
{
    /// <summary>The response size cap in these tests (the default is 8 MiB).</summary>
    public const int MaxResponseBytes = 64 * 1024;

    private readonly ServiceProvider _services;

    private AdapterHarness(ServiceProvider services, TestClock clock, FakePlatform fake, PlatformScript script, SourceSettings source, NpgsqlDataSource database)
    {
        _services = services;
        Clock = clock;
        Fake = fake;
        Script = script;
        Source = source;
        Database = database;
    }

    public TestClock Clock { get; }
    public FakePlatform Fake { get; }
    public PlatformScript Script { get; }
    public SourceSettings Source { get; }
    public NpgsqlDataSource Database { get; }

    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    /// <param name="maxResponseBytes">The response size cap; tests of big posts raise it to the production default.</param>
    public static async Task<AdapterHarness> StartAsync(ServersFixture servers, PlatformScript script, int maxResponseBytes = MaxResponseBytes)
    {
        var connectionString = await servers.CreateDatabaseAsync();
        var fake = await FakePlatform.StartAsync();
        var source = script.Source(fake.BaseAddress);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Polling:Http:MaxResponseBytes"] = maxResponseBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Polling:Http:Resilience:MaxAttempts"] = "2",
            ["Polling:Http:Resilience:BaseDelay"] = "00:00:00",
            ["Polling:Http:Resilience:AttemptTimeout"] = AttemptTimeout.ToString(),
        }).Build();

        var services = new ServiceCollection();
        // Timeouts fire when the fake hangs, never because the machine was slow to answer.
        var clock = new TestClock { ManualTimers = true };
        fake.OnHang = () => clock.Advance(AttemptTimeout);
        fake.Clock = () => clock.Now;
        services.AddSingleton<TimeProvider>(clock);
        // A request's turn on a rate-limited host comes at once, with the clock moved to it.
        services.AddSingleton(new HostPoliteness(new WaitsPassAtOnceClock(clock)));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddStorage(configuration).AddSourceAdapters(configuration);
        services.AddOptions<PollingOptions>().Configure(o =>
        {
            o.Sources.Add(source);
            o.PublishTimeout = TimeSpan.FromMilliseconds(10);
        });
        services.AddMassTransit(x => x.UsingInMemory());
        services.AddMentionPublisher();
        services.AddMentionWatchMetrics();
        services.AddScoped<PollSourceJob>();
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        return new AdapterHarness(provider, clock, fake, script, source, provider.GetRequiredService<NpgsqlDataSource>());
    }

    /// <summary>Polls the source once, as its Quartz trigger would; returns the number of new mentions stored.</summary>
    public Task<int> PollAsync() => PollAsync(Source);

    /// <summary>Polls another source of the same platform (another feed on the fake's host) through the same services.</summary>
    public async Task<int> PollAsync(SourceSettings source)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PollSourceJob>().PollAsync(source, CancellationToken.None);
    }

    /// <summary>The stored external ids, in order.</summary>
    public async Task<List<string>> StoredIdsAsync()
    {
        var ids = new List<string>();
        await using var command = Database.CreateCommand("select external_id from mentions order by external_id");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    public Task<SourceHealth> HealthAsync() => HealthAsync(Source.Id);

    public async Task<SourceHealth> HealthAsync(string sourceId)
    {
        await using var command = Database.CreateCommand(
            "select cursor, last_error, last_success_at, backoff_until, consecutive_failures from sources where id = @id");
        command.Parameters.AddWithValue("id", sourceId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return new SourceHealth(PollCursor.Parse(null), null, null, null, 0);
        return new SourceHealth(
            PollCursor.Parse(reader.IsDBNull(0) ? null : reader.GetString(0)),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
            reader.GetInt32(4));
    }

    public async Task<List<string>> QuarantineReasonsAsync()
    {
        var reasons = new List<string>();
        await using var command = Database.CreateCommand("select reason from quarantine order by id");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) reasons.Add(reader.GetString(0));
        return reasons;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = Database.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await Fake.DisposeAsync();
        await _services.DisposeAsync();
    }
}

/// <summary>What the <c>sources</c> row says after a poll.</summary>
public sealed record SourceHealth(PollCursor Cursor, string? LastError, DateTimeOffset? LastSuccessAt, DateTimeOffset? BackoffUntil, int ConsecutiveFailures);
