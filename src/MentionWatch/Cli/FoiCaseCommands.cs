using System.CommandLine;
using System.Globalization;
using MentionWatch.Foi;
using MentionWatch.Time;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MentionWatch.Cli;

/// <summary>
/// The FOI case verbs: <c>foi open</c> records a request that came by another route, <c>foi figures</c> prints the
/// FOI team's figures for a date range. Both read <c>ConnectionStrings:Postgres</c> as <c>migrate</c> does.
/// </summary>
internal static class FoiCaseCommands
{
    public static IEnumerable<Command> Create()
    {
        var received = new Option<string>("--received") { Description = "When it was received, ISO 8601 with an offset (e.g. 2026-11-20T09:15:00Z).", Required = true };
        var requester = new Option<string>("--requester") { Description = "Who asked.", Required = true };
        var summary = new Option<string>("--summary") { Description = "What was asked, briefly.", Required = true };
        var actor = new Option<string>("--actor") { Description = "Who is recording it (defaults to the user name)." };
        var open = new Command("open", "Open an FOI case for a request received by another route (email, letter); prints its id and due date.");
        open.Options.Add(received);
        open.Options.Add(requester);
        open.Options.Add(summary);
        open.Options.Add(actor);
        open.TreatUnmatchedTokensAsErrors = false;
        open.SetAction((pr, ct) => WithServiceAsync(pr, async service =>
        {
            if (!FoiCommands.TryParseReceivedAt(pr.GetValue(received)!, out var receivedAt))
            {
                await pr.InvocationConfiguration.Error.WriteLineAsync("error: --received must be an ISO 8601 date-time with an offset.");
                return 2;
            }

            var opened = await service.OpenAsync(new FoiCaseOpening
            {
                ReceivedAt = receivedAt,
                Requester = pr.GetValue(requester)!,
                Summary = pr.GetValue(summary)!,
                Actor = pr.GetValue(actor) ?? Environment.UserName,
            }, ct);
            await pr.InvocationConfiguration.Output.WriteLineAsync(
                $"FOI case {opened.Id} opened: received {opened.ReceivedOn:yyyy-MM-dd}, due {opened.DueDate:yyyy-MM-dd}");
            return 0;
        }, ct));

        var from = new Option<string>("--from") { Description = "First day of receipt, yyyy-MM-dd (Europe/London).", Required = true };
        var to = new Option<string>("--to") { Description = "Last day of receipt, yyyy-MM-dd, inclusive.", Required = true };
        var figures = new Command("figures", "Print the FOI figures for requests received in a date range.");
        figures.Options.Add(from);
        figures.Options.Add(to);
        figures.TreatUnmatchedTokensAsErrors = false;
        figures.SetAction((pr, ct) => WithServiceAsync(pr, async service =>
        {
            if (!TryParseDate(pr.GetValue(from)!, out var first) || !TryParseDate(pr.GetValue(to)!, out var last) || last < first)
            {
                await pr.InvocationConfiguration.Error.WriteLineAsync("error: --from and --to must be yyyy-MM-dd dates, --from not after --to.");
                return 2;
            }

            await WriteFiguresAsync(await service.FiguresAsync(first, last, ct), pr.InvocationConfiguration.Output);
            return 0;
        }, ct));
        return [open, figures];
    }

    /// <summary>The figures as the FOI team reads them, one per line.</summary>
    internal static async Task WriteFiguresAsync(FoiFigures f, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(inv, $"FOI requests received {f.From:yyyy-MM-dd} to {f.To:yyyy-MM-dd}"));
        await output.WriteLineAsync(string.Create(inv, $"Received:                         {f.Received}"));
        await output.WriteLineAsync(string.Create(inv, $"Answered:                         {f.Answered}"));
        await output.WriteLineAsync(string.Create(inv, $"Answered in time:                 {f.AnsweredInTime} ({(f.PercentInTime is { } p ? p.ToString("0.0", inv) + "%" : "n/a")} of answered or overdue)"));
        await output.WriteLineAsync(string.Create(inv, $"Answered within 20 working days:  {f.AnsweredWithinTwentyWorkingDays}"));
        await output.WriteLineAsync(string.Create(inv, $"Overdue now:                      {f.OverdueNow}"));
        await output.WriteLineAsync(string.Create(inv, $"Withdrawn:                        {f.Withdrawn}"));
        await output.WriteLineAsync(string.Create(inv, $"Median working days to respond:   {(f.MedianWorkingDaysToRespond is { } m ? m.ToString("0.#", inv) : "n/a")}"));
    }

    /// <summary>Runs <paramref name="run"/> over the database named by appsettings.json, the environment or a <c>--ConnectionStrings:Postgres=…</c> token.</summary>
    private static async Task<int> WithServiceAsync(ParseResult parse, Func<FoiCaseService, Task<int>> run, CancellationToken ct)
    {
        var console = parse.InvocationConfiguration;
        var configuration = new ConfigurationBuilder().AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables().AddCommandLine(parse.UnmatchedTokens.ToArray()).Build();
        var connectionString = configuration.GetConnectionString("Postgres");
        if (connectionString is null)
        {
            await console.Error.WriteLineAsync("error: ConnectionStrings:Postgres is not set.");
            return 2;
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await Persistence.Migrator.Create(configuration, dataSource).MigrateAsync(ct);
        var clock = new FoiClock(WorkingDayCalendar.ForFoi(UkBankHolidays.Published), TimeServiceCollectionExtensions.FromConfiguration(configuration));
        var service = new FoiCaseService(
            dataSource, new FoiCases(clock, TimeProvider.System, NullLogger<FoiCases>.Instance), clock, TimeProvider.System, NullLogger<FoiCaseService>.Instance);
        try
        {
            return await run(service);
        }
        catch (FoiTransitionException ex)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
    }

    private static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
