using MassTransit;
using MentionWatch.Alerts;
using MentionWatch.Foi;
using MentionWatch.Hosting;
using MentionWatch.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace MentionWatch.IntegrationTests.Foi;

/// <summary>
/// One whole MentionWatch instance on the real servers whose clock is a <see cref="TestClock"/> the test moves,
/// so FOI reminders can be driven day by day. Its queues are its own, deleted when it stops.
/// </summary>
internal sealed class FoiHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestQueues _queues;

    private FoiHost(WebApplication app, TestQueues queues) => (_app, _queues) = (app, queues);

    public IServiceProvider Services => _app.Services;

    public FoiCaseService Cases => _app.Services.GetRequiredService<FoiCaseService>();

    public static async Task<FoiHost> StartAsync(ServersFixture servers, string database, TestClock time, string replayFile)
    {
        var queues = servers.NewQueues("f");
        var app = MentionWatchHost.Build(
            Pipeline.Arguments(database, servers.RabbitMq, replayFile, Path.Combine(Path.GetTempPath(), $"mw-alerts-{Guid.NewGuid():N}.jsonl"),
                queues.Argument,
                // The reminder job runs once at start; the test drives every later run itself.
                "--Foi:ReminderInterval=01:00:00"), builder =>
        {
            // Quartz would otherwise take the container's clock too: its scheduler, on a clock that stands still and
            // jumps days, stalls the host. It keeps the wall clock; MentionWatch's own code gets the test's clock
            // (registered last, because UseTimeProvider also registers a TimeProvider).
            builder.Services.AddQuartz(q => q.UseTimeProvider(TimeProvider.System));
            builder.Services.AddSingleton<TimeProvider>(time);
        });
        await app.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        await app.StartAsync();
        return new FoiHost(app, queues);
    }

    /// <summary>One run of the reminder job, as Quartz would run it.</summary>
    public async Task<int> RaiseRemindersAsync()
    {
        // Bounded in real time, so a stalled run fails the test rather than hanging the suite.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FoiReminders>().RaiseDueAsync(limit.Token).WaitAsync(TimeSpan.FromSeconds(90));
    }

    /// <summary>
    /// Another instance of the reminder job on its own connections, publishing through this host's bus: what a second
    /// MentionWatch process would run, without a second bus in the same test process.
    /// </summary>
    public ReminderInstance OtherInstance()
    {
        var dataSource = NpgsqlDataSource.Create(_app.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString);
        var time = _app.Services.GetRequiredService<TimeProvider>();
        var raiser = new AlertRaiser(dataSource, _app.Services.GetRequiredService<IBus>(), time);
        return new ReminderInstance(dataSource, new FoiReminders(
            dataSource, raiser, _app.Services.GetRequiredService<FoiClock>(), time, Options.Create(new FoiOptions()), NullLogger<FoiReminders>.Instance));
    }

    /// <summary>The single number a query returns.</summary>
    public static async Task<long> CountAsync(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits (bounded) until a query's number reaches <paramref name="expected"/>.</summary>
    public static Task WaitUntilAsync(NpgsqlDataSource data, string sql, long expected) =>
        Eventually.ReachesAsync(() => CountAsync(data, sql), n => n >= expected, $"'{sql}' to reach {expected}");

    public async ValueTask DisposeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(limit.Token);
        await _app.DisposeAsync();
        await _queues.DisposeAsync();
    }
}

/// <summary>A reminder job instance with the connections it owns.</summary>
internal sealed class ReminderInstance(NpgsqlDataSource dataSource, FoiReminders reminders) : IAsyncDisposable
{
    public FoiReminders Reminders { get; } = reminders;

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
