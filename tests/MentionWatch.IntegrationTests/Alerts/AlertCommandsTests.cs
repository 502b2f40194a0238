using System.CommandLine;
using System.Globalization;
using Npgsql;

namespace MentionWatch.IntegrationTests.Alerts;

[Collection(ServersCollection.Name)]
public sealed class AlertCommandsTests(ServersFixture servers)
{
    [Fact]
    public async Task Figures_AlertsAroundTheRange_CountsEachTeamsInRangeAgainstItsTargets()
    {
        var database = await servers.CreateDatabaseAsync();
        var connection = $"--ConnectionStrings:Postgres={database}";
        // Migrates the fresh database, then finds nothing.
        (await RunAsync(["alerts", "figures", "--from", "2026-03-01", "--to", "2026-03-31", connection])).ShouldBe((0,
            "Alerts raised 2026-03-01 to 2026-03-31 (UK time), acknowledgement against each alert's target\n" + Header + "\nNo alerts with a target were raised in this range.\n"));
        await using (var db = NpgsqlDataSource.Create(database))
        await using (var insert = db.CreateCommand(
            """
            insert into alerts (subject, team, labels, urgent, raised_at, kind, due_at, acknowledged_at) values
            -- In time, late, and never acknowledged with the target long gone.
            ('test-1', 'pals', '{complaint}', false, '2026-03-02T09:00:00Z', 'mention', '2026-03-03T17:00:00Z', '2026-03-02T10:00:00Z'),
            ('test-2', 'pals', '{complaint}', false, '2026-03-10T09:00:00Z', 'mention', '2026-03-11T17:00:00Z', '2026-03-12T09:00:00Z'),
            ('test-3', 'spa',  '{distress}',  true,  '2026-03-31T22:30:00Z', 'mention', '2026-03-31T22:45:00Z', null),
            -- 23:30 on 28 February in London is still February; 00:30 BST on 1 April is 31 March 23:30 UTC: both outside.
            ('test-4', 'pals', '{complaint}', false, '2026-02-28T23:30:00Z', 'mention', '2026-03-02T17:00:00Z', null),
            ('test-5', 'pals', '{complaint}', false, '2026-03-31T23:30:00Z', 'mention', '2026-04-01T17:00:00Z', null),
            -- A digest has no target of its own, and one without a target is not counted.
            ('test-6', 'pals', '{}', false, '2026-03-05T09:00:00Z', 'digest', null, null),
            ('test-7', 'comms', '{praise}', false, '2026-03-05T09:00:00Z', 'mention', null, null)
            """))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var (code, output) = await RunAsync(["alerts", "figures", "--from", "2026-03-01", "--to", "2026-03-31", connection]);

        code.ShouldBe(0);
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(
        [
            "Alerts raised 2026-03-01 to 2026-03-31 (UK time), acknowledgement against each alert's target",
            Header,
            "pals                2            2        1     50.0%        1          0",
            "spa                 1            0        0      0.0%        1          1",
        ]);
    }

    [Theory]
    [InlineData("2026-03-31", "2026-03-01")] // ends before it starts
    [InlineData("1 March", "2026-03-31")]    // not a date
    public async Task Figures_BadRange_ExitCodeTwo(string from, string to)
    {
        var database = await servers.CreateDatabaseAsync();

        var (code, _) = await RunAsync(["alerts", "figures", "--from", from, "--to", to, $"--ConnectionStrings:Postgres={database}"]);

        code.ShouldBe(2);
    }

    private const string Header = "team           alerts acknowledged  in time % in time breached open, late";

    private static async Task<(int ExitCode, string Output)> RunAsync(string[] args)
    {
        await using var output = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var code = await MentionWatch.Cli.CommandLine.Create(args).Parse(args)
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = TextWriter.Null });
        return (code, output.ToString());
    }
}
