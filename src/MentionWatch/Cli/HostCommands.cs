using System.CommandLine;
using MentionWatch.Hosting;
using MentionWatch.Persistence;
using Npgsql;

namespace MentionWatch.Cli;

/// <summary>Verbs that run the service or maintain its database.</summary>
internal static class HostCommands
{
    public static IEnumerable<Command> Create(string[] hostArgs)
    {
        var run = new Command("run", "Run the service: pollers, consumers and the web pages (the default).");
        run.TreatUnmatchedTokensAsErrors = false;
        run.SetAction((_, ct) => RunAsync(hostArgs.Skip(1).ToArray(), ct));

        var migrate = new Command("migrate", "Apply the database migrations (also done at start-up) and exit.");
        migrate.TreatUnmatchedTokensAsErrors = false;
        migrate.SetAction(async (_, ct) =>
        {
            var configuration = new ConfigurationBuilder().AddJsonFile("appsettings.json", optional: true)
                .AddEnvironmentVariables().AddCommandLine(hostArgs.Skip(1).ToArray()).Build();
            var connectionString = configuration.GetConnectionString("Postgres");
            if (connectionString is null)
            {
                await Console.Error.WriteLineAsync("ConnectionStrings:Postgres is not set.");
                return 2;
            }

            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var applied = await Migrator.Create(configuration, dataSource).MigrateAsync(ct);
            Console.WriteLine(applied.Count == 0 ? "Database is up to date." : $"Applied: {string.Join(", ", applied)}");
            return 0;
        });
        return [run, migrate];
    }

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var app = MentionWatchHost.Build(args);
        // Resolved before running: the host disposes its services when it stops.
        var watchdog = app.Services.GetService<MentionWatch.Messaging.BusWatchdog>();
        await MentionWatchHost.RunAsync(app, ct);
        // A stuck message bus ends the process on purpose: a non-zero exit so that a supervisor starts a fresh one.
        return watchdog?.Tripped == true ? MentionWatch.Messaging.BusWatchdog.ExitCode : 0;
    }
}
