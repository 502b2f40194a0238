using System.CommandLine;
using System.Globalization;
using MentionWatch.Foi;

namespace MentionWatch.IntegrationTests.Foi;

[Collection(ServersCollection.Name)]
public sealed class FoiCaseCommandsTests(ServersFixture servers)
{
    [Fact]
    public async Task OpenThenFigures_FreshDatabase_CaseOpenedAndCountedInItsRange()
    {
        var database = await servers.CreateDatabaseAsync();
        var connection = $"--ConnectionStrings:Postgres={database}";

        var (openCode, openOutput) = await RunAsync(
            ["foi", "open", "--received", "2025-10-10T18:30:00+01:00", "--requester", "J. Smith", "--summary", "Agency spend", "--actor", "alice", connection]);
        var (figuresCode, figuresOutput) = await RunAsync(["foi", "figures", "--from", "2025-10-01", "--to", "2025-10-31", connection]);
        var (emptyCode, emptyOutput) = await RunAsync(["foi", "figures", "--from", "2025-11-01", "--to", "2025-11-30", connection]);

        openCode.ShouldBe(0);
        // Friday evening receipt: day one is Monday 13 Oct, due Friday 7 Nov.
        openOutput.ShouldBe("FOI case 1 opened: received 2025-10-10, due 2025-11-07" + Environment.NewLine);
        figuresCode.ShouldBe(0);
        figuresOutput.ShouldContain("Received:                         1");
        // Unanswered and, today, long past its due date.
        figuresOutput.ShouldContain("Overdue now:                      1");
        figuresOutput.ShouldContain("Answered in time:                 0 (0.0% of answered or overdue)");
        emptyCode.ShouldBe(0);
        emptyOutput.ShouldContain("Received:                         0");
        emptyOutput.ShouldContain("Median working days to respond:   n/a");
    }

    [Theory]
    // A received time without an offset would depend on this machine's time zone.
    [InlineData("foi", "open", "--received", "2025-10-10T18:30:00", "--requester", "R", "--summary", "S")]
    // A range that ends before it starts.
    [InlineData("foi", "figures", "--from", "2025-10-31", "--to", "2025-10-01")]
    public async Task Verb_BadArguments_ExitCodeTwo(params string[] args)
    {
        var database = await servers.CreateDatabaseAsync();

        var (code, _) = await RunAsync([.. args, $"--ConnectionStrings:Postgres={database}"]);

        code.ShouldBe(2);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string[] args)
    {
        await using var output = new StringWriter(CultureInfo.InvariantCulture);
        var code = await MentionWatch.Cli.CommandLine.Create(args).Parse(args)
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = TextWriter.Null });
        return (code, output.ToString());
    }
}
