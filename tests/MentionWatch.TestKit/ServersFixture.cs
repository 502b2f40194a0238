using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace MentionWatch.TestKit;

/// <summary>
/// A real PostgreSQL and RabbitMQ for the whole test run: taken from MENTIONWATCH_TEST_POSTGRES and
/// MENTIONWATCH_TEST_RABBITMQ when set, otherwise started from Debian's packages by deploy/scripts/local-servers.sh
/// on free ports, and stopped at the end (after a failed start too). Each test gets a fresh database of its own;
/// on servers of the environment's, the databases made here are dropped at the end.
/// </summary>
public class ServersFixture : IAsyncLifetime
{
    private string? _stateDir;
    private int _databases;
    private readonly List<string> _created = [];
    private Task<string>? _template;

    public string Postgres { get; private set; } = "";
    public string RabbitMq { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var pg = Environment.GetEnvironmentVariable("MENTIONWATCH_TEST_POSTGRES");
        var rabbit = Environment.GetEnvironmentVariable("MENTIONWATCH_TEST_RABBITMQ");
        if (pg is not null && rabbit is not null && !OwnsServers)
        {
            (Postgres, RabbitMq) = (pg, rabbit);
            return;
        }

        _stateDir = Path.Combine(Path.GetTempPath(), $"mw-test-{Guid.NewGuid():N}");
        string output;
        try
        {
            output = await RunScriptAsync("start", _stateDir);
        }
        catch
        {
            // Half started (PostgreSQL up, RabbitMQ not): stop what did start.
            await DisposeAsync();
            throw;
        }

        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("MENTIONWATCH_POSTGRES=", StringComparison.Ordinal)) Postgres = line["MENTIONWATCH_POSTGRES=".Length..].Trim();
            if (line.StartsWith("MENTIONWATCH_RABBITMQ=", StringComparison.Ordinal)) RabbitMq = line["MENTIONWATCH_RABBITMQ=".Length..].Trim();
        }

        if (Postgres.Length == 0 || RabbitMq.Length == 0) throw new InvalidOperationException($"local-servers.sh printed no connection strings:\n{output}");
    }

    /// <summary>True when the servers must be started here even if the environment names some (fault tests stop them).</summary>
    protected virtual bool OwnsServers => false;

    /// <summary>Stops PostgreSQL at once, as a crash would (pg_ctl -m immediate).</summary>
    public Task StopPostgresAsync() => RunOnOwnServersAsync("stop-postgres");

    /// <summary>Starts PostgreSQL again on the same port and data.</summary>
    public Task StartPostgresAsync() => RunOnOwnServersAsync("start-postgres");

    /// <summary>Stops RabbitMQ (its durable queues and persistent messages survive).</summary>
    public Task StopRabbitMqAsync() => RunOnOwnServersAsync("stop-rabbitmq");

    /// <summary>Starts RabbitMQ again on the same port and data.</summary>
    public Task StartRabbitMqAsync() => RunOnOwnServersAsync("start-rabbitmq");

    /// <summary>The RabbitMQ queues with their ready and unacknowledged messages and consumers, one per line (for failure messages).</summary>
    public Task<string> ListQueuesAsync() => RunOnOwnServersAsync("queues");

    private Task<string> RunOnOwnServersAsync(string verb) =>
        _stateDir is null
            ? throw new InvalidOperationException("These servers came from the environment; only servers started here can be stopped.")
            : RunScriptAsync(verb, _stateDir);

    public async Task DisposeAsync()
    {
        if (_stateDir is null)
        {
            await DropCreatedDatabasesAsync();
            return;
        }

        await RunScriptAsync("stop", _stateDir);
        DeleteInBackground(_stateDir);
    }

    /// <summary>
    /// Deletes <paramref name="dir"/> in a process of its own that outlives this one: a run's few hundred test databases
    /// are some 100,000 files (3.6 GB), which took 30 to 50 s of the test run to delete.
    /// </summary>
    private static void DeleteInBackground(string dir)
    {
        var start = new ProcessStartInfo("bash", ["-c", "setsid rm -rf \"$0\" >/dev/null 2>&1 </dev/null &", dir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        process.WaitForExit();
    }

    /// <summary>A queue prefix for one test, its queues deleted when it is disposed (at the end of the test).</summary>
    public TestQueues NewQueues(string letter) => new(RabbitMq, letter);

    /// <summary>
    /// Creates a database with every migration applied and returns its connection string: a copy of one database
    /// migrated once per run, which is quicker than migrating each (a test's own migrator then finds nothing to do).
    /// The files are copied rather than written through the WAL (PostgreSQL 15's default), which halves what a copy writes.
    /// </summary>
    public async Task<string> CreateDatabaseAsync() => await CreateAsync(await MigratedTemplateAsync());

    /// <summary>Creates an empty database and returns its connection string (for the tests of migrating itself).</summary>
    public Task<string> CreateEmptyDatabaseAsync() => CreateAsync(template: null);

    private async Task<string> CreateAsync(string? template)
    {
        var name = $"mw_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using (var dataSource = NpgsqlDataSource.Create(Postgres))
        await using (var command = dataSource.CreateCommand(template is null ? $"create database {name}" : $"create database {name} template {template} strategy file_copy"))
        {
            await command.ExecuteNonQueryAsync();
        }

        lock (_created) _created.Add(name);
        return new NpgsqlConnectionStringBuilder(Postgres) { Database = name }.ConnectionString;
    }

    /// <summary>The migrated database the others copy, made on first use; no one stays connected to it (a copy needs that).</summary>
    private Task<string> MigratedTemplateAsync()
    {
        lock (_created) return _template ??= MigrateTemplateAsync();
    }

    private async Task<string> MigrateTemplateAsync()
    {
        var connectionString = await CreateAsync(template: null);
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await new MentionWatch.Persistence.Migrator(dataSource).MigrateAsync(CancellationToken.None);
        }

        return new NpgsqlConnectionStringBuilder(connectionString).Database!;
    }

    private async Task DropCreatedDatabasesAsync()
    {
        if (Postgres.Length == 0) return;
        await using var dataSource = NpgsqlDataSource.Create(Postgres);
        foreach (var name in _created)
        {
            await using var command = dataSource.CreateCommand($"drop database if exists {name} with (force)");
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<string> RunScriptAsync(string verb, string dir)
    {
        var start = new ProcessStartInfo("bash", [RepoPaths.Combine("deploy/scripts/local-servers.sh"), verb, dir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PG_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AMQP_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["DIST_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"local-servers.sh {verb} failed: {await stderr}");
        return await stdout;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        // RabbitMQ refuses distribution ports above 55535, so stay below it.
        return port > 55_000 ? FreePort() : port;
    }
}
