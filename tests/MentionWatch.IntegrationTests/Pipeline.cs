using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MentionWatch.Hosting;
using Npgsql;

namespace MentionWatch.IntegrationTests;

/// <summary>The whole service on the real servers, with one replay source polled every second, in a fresh database.</summary>
public sealed class Pipeline : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly (string Broker, string Prefix)? _ownQueues;

    private Pipeline(WebApplication app, string database, string alertsFile, (string Broker, string Prefix)? ownQueues)
    {
        _app = app;
        _ownQueues = ownQueues;
        Database = NpgsqlDataSource.Create(database);
        AlertsFile = alertsFile;
    }

    /// <summary>Counts (mention, team) pairs with more than one alert: always zero when nothing is doubled.</summary>
    public const string DuplicateAlertsSql = "select count(*) from (select mention_id, team from alerts where mention_id is not null group by 1, 2 having count(*) > 1) d";

    public NpgsqlDataSource Database { get; }
    public IServiceProvider Services => _app.Services;
    public string AlertsFile { get; }

    /// <summary>Where the instance's Kestrel listens (the probes, /metrics, the pages).</summary>
    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    /// <remarks>
    /// On the system clock every policy team delivers immediately, so what these tests see does not depend on the
    /// hour the suite runs at; office hours and digests are tested with <see cref="StartWithClockAsync"/>.
    /// </remarks>
    public static Task<Pipeline> StartAsync(ServersFixture servers, string replayFile, string? database = null, string? rabbitMq = null, params string[] extraArgs) =>
        StartCoreAsync(servers, replayFile, database, rabbitMq, null,
            [.. MentionWatch.Routing.RoutingOptions.Defaults().Keys.Select(team => $"--Routing:Teams:{team}:Delivery=Immediate"), .. extraArgs]);

    /// <summary>As <see cref="StartAsync"/>, with the host's <see cref="TimeProvider"/> replaced by <paramref name="time"/>.</summary>
    /// <remarks>
    /// Without the source watch: a test clock that jumps days ahead of the replay's polls would make it report the
    /// source silent (to comms) whenever its check ran in between, an alert the test did not ask for. It has tests of
    /// its own (SourceWatchTests).
    /// </remarks>
    public static Task<Pipeline> StartWithClockAsync(ServersFixture servers, string replayFile, TimeProvider time, params string[] extraArgs) =>
        StartCoreAsync(servers, replayFile, null, null, b => b.Services.AddSingleton(time), ["--Polling:Watch:Enabled=false", .. extraArgs]);

    private static async Task<Pipeline> StartCoreAsync(ServersFixture servers, string replayFile, string? database, string? rabbitMq, Action<WebApplicationBuilder>? configure, string[] extraArgs)
    {
        database ??= await servers.CreateDatabaseAsync();
        var alertsFile = Path.Combine(Path.GetTempPath(), $"mw-alerts-{Guid.NewGuid():N}.jsonl");
        var app = MentionWatchHost.Build(Arguments(database, rabbitMq ?? servers.RabbitMq, replayFile, alertsFile, extraArgs), configure);
        await app.Services.GetRequiredService<MentionWatch.Persistence.Migrator>().MigrateAsync(CancellationToken.None);
        await app.StartAsync();
        // The bus starts in the background: a test that publishes at once (a notice) would otherwise publish before
        // its queues are bound, and the broker drops what no queue is bound for. Not when the broker is meant to be down.
        if (rabbitMq is null)
        {
            await app.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        }

        // Queues named by the test may outlive this instance (a replacement takes them over): the test deletes those.
        var ownQueues = extraArgs.Any(a => a.StartsWith("--Messaging:QueuePrefix=", StringComparison.Ordinal))
            ? ((string, string)?)null
            : (app.Configuration.GetConnectionString("RabbitMq")!, app.Configuration["Messaging:QueuePrefix"]!);
        return new Pipeline(app, database, alertsFile, ownQueues);
    }

    /// <summary>The command line of a test instance: one replay source polled every second, quiet logs.</summary>
    public static string[] Arguments(string database, string rabbitMq, string replayFile, string alertsFile, params string[] extraArgs) =>
    [
        $"--ConnectionStrings:Postgres={database}",
        $"--ConnectionStrings:RabbitMq={rabbitMq}",
        $"--Messaging:QueuePrefix=t{Guid.NewGuid():N}"[..30],
        $"--Trust:ProfilePath={Path.Combine(RepoPaths.Root, "deploy/sample/trust.json")}",
        "--Sources:0:Id=test-replay",
        "--Sources:0:Platform=replay",
        "--Sources:0:IntervalSeconds=1",
        $"--Sources:0:Settings:Path={replayFile}",
        $"--Alerts:Console:JsonlPath={alertsFile}",
        // Teams without channels: their alerts go to the console channel's file, which the tests read.
        "--Alerts:DemoMode=true",
        "--Web:AllowPlainHttp=true",
        "--urls=http://127.0.0.1:0",
        "--Logging:LogLevel:Default=Warning",
        // A test decides when an instance goes; the broker-fault test turns the watchdog on.
        "--Messaging:ExitWhenStuck=false",
        .. extraArgs,
    ];

    /// <summary>Whether the instance's liveness checks pass (false: an orchestrator would restart it).</summary>
    public async Task<bool> IsLiveAsync() =>
        (await _app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("live"))).Status == HealthStatus.Healthy;

    /// <summary>Waits (bounded) until the instance's readiness checks (database and broker) pass or fail.</summary>
    public Task WaitUntilReadyAsync(bool ready, TimeSpan? limit = null)
    {
        var health = _app.Services.GetRequiredService<HealthCheckService>();
        return Eventually.UntilAsync(
            async () => (await health.CheckHealthAsync(c => c.Tags.Contains("ready"))).Status == HealthStatus.Healthy == ready,
            $"the instance to become {(ready ? "ready" : "unready")}", limit);
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var command = Database.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits (bounded) for asynchronous processing to reach a state; fails with the last value seen.</summary>
    public Task WaitUntilAsync(string sql, Func<long, bool> done, TimeSpan? limit = null) =>
        Eventually.ReachesAsync(() => CountAsync(sql), done, $"'{sql}'", limit);

    public async ValueTask DisposeAsync()
    {
        // Bounded: an instance whose bus is stuck (the broker-fault test) would otherwise sit out the host's 30 s.
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10))) await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
        if (_ownQueues is var (broker, prefix)) await TestQueues.DeleteAsync(broker, prefix);
        await Database.DisposeAsync();
        File.Delete(AlertsFile);
    }
}
