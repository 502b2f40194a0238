using System.CommandLine;
using System.Globalization;
using MentionWatch.Alerts;
using MentionWatch.Time;
using Npgsql;

namespace MentionWatch.Cli;

/// <summary>
/// <c>alerts figures</c>: each team's acknowledgement figures against its targets for alerts raised in a date range,
/// for the monthly report a comms lead gives the board. Reads <c>ConnectionStrings:Postgres</c> as <c>migrate</c> does.
/// </summary>
internal static class AlertCommands
{
    public static IEnumerable<Command> Create()
    {
        var from = new Option<string>("--from") { Description = "First day (yyyy-MM-dd, the trust's time: Time:Zone) of alerts raised.", Required = true };
        var to = new Option<string>("--to") { Description = "Last day (yyyy-MM-dd, the trust's time: Time:Zone) of alerts raised, inclusive.", Required = true };
        var figures = new Command("figures", "Print each team's acknowledgement figures against its targets for alerts raised in a date range.");
        figures.Options.Add(from);
        figures.Options.Add(to);
        figures.TreatUnmatchedTokensAsErrors = false;
        figures.SetAction(async (pr, ct) =>
        {
            var console = pr.InvocationConfiguration;
            if (!TryParseDate(pr.GetValue(from)!, out var first) || !TryParseDate(pr.GetValue(to)!, out var last) || first > last)
            {
                await console.Error.WriteLineAsync("error: --from and --to must be yyyy-MM-dd dates, --from not after --to.");
                return 2;
            }

            var configuration = new ConfigurationBuilder().AddJsonFile("appsettings.json", optional: true)
                .AddEnvironmentVariables().AddCommandLine(pr.UnmatchedTokens.ToArray()).Build();
            var connectionString = configuration.GetConnectionString("Postgres");
            if (connectionString is null)
            {
                await console.Error.WriteLineAsync("error: ConnectionStrings:Postgres is not set.");
                return 2;
            }

            var local = TimeServiceCollectionExtensions.FromConfiguration(configuration);
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await Persistence.Migrator.Create(configuration, dataSource).MigrateAsync(ct);
            var rows = await new SlaFigures(dataSource, TimeProvider.System).ForTeamsAsync(local.StartOf(first), local.StartOf(last.AddDays(1)), ct);
            await WriteAsync(first, last, rows, console.Output);
            return 0;
        });

        var alerts = new Command("alerts", "Alert reports.");
        alerts.Subcommands.Add(figures);
        return [alerts];
    }

    /// <summary>One line per team: how many alerts had a target, and how they were acknowledged against it.</summary>
    internal static async Task WriteAsync(DateOnly first, DateOnly last, IReadOnlyList<TeamSlaFigures> rows, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(inv, $"Alerts raised {first:yyyy-MM-dd} to {last:yyyy-MM-dd} (UK time), acknowledgement against each alert's target"));
        await output.WriteLineAsync($"{"team",-14} {"alerts",6} {"acknowledged",12} {"in time",8} {"% in time",9} {"breached",8} {"open, late",10}");
        foreach (var r in rows)
        {
            var percent = r.Alerts == 0 ? "n/a" : (100.0 * r.AcknowledgedInTime / r.Alerts).ToString("0.0", inv) + "%";
            await output.WriteLineAsync(string.Create(inv, $"{r.Team,-14} {r.Alerts,6} {r.Acknowledged,12} {r.AcknowledgedInTime,8} {percent,9} {r.Breached,8} {r.OpenPastTarget,10}"));
        }

        if (rows.Count == 0) await output.WriteLineAsync("No alerts with a target were raised in this range.");
    }

    private static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
