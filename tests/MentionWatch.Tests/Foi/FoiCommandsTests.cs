using System.CommandLine;
using MentionWatch.Cli;

namespace MentionWatch.Tests.Foi;

public sealed class FoiCommandsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("foi-cli-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    // The contract example, with an explicit +00:00 offset.
    [InlineData("2026-12-18T16:45:00+00:00", "2027-01-21")]
    // The same instant written with Z.
    [InlineData("2026-12-18T16:45:00Z", "2027-01-21")]
    // Fractional seconds and a BST offset; 00:30 BST is the London day that counts.
    [InlineData("2025-06-13T00:30:00.123+01:00", "2025-07-11")]
    // Minutes-only time and a compact offset are still ISO 8601.
    [InlineData("2025-06-12T23:30Z", "2025-07-11")]
    public async Task Due_Received_PrintsOnlyTheDueDate(string received, string expected)
    {
        var (exitCode, output, error) = await RunAsync(["foi", "due", received]);

        exitCode.ShouldBe(0);
        output.ShouldBe(expected + Environment.NewLine);
        error.ShouldBeEmpty();
    }

    [Theory]
    // A date alone: the hour and offset decide the London day, so refuse to guess.
    [InlineData("2026-12-18")]
    // No offset: would depend on the machine's time zone.
    [InlineData("2026-12-18T16:45:00")]
    [InlineData("not a date")]
    public async Task Due_ReceivedWithoutOffset_FailsWithNothingOnStdout(string received)
    {
        var (exitCode, output, error) = await RunAsync(["foi", "due", received]);

        exitCode.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldStartWith("error:");
    }

    [Fact]
    public async Task Due_InFile_PrintsOneLinePerInputKeepingBlanksAndMarkingErrors()
    {
        var input = Path.Combine(directory, "received.txt");
        await File.WriteAllLinesAsync(input, ["2026-12-18T16:45:00+00:00", "", "rubbish", "2020-05-07T23:30:00Z\r"]);

        var (exitCode, output, _) = await RunAsync(["foi", "due", "--in", input]);

        exitCode.ShouldBe(1);
        Lines(output).ShouldBe(["2027-01-21", "", "error: line 3: 'rubbish' is not an ISO 8601 date-time with an offset", "2020-06-08"]);
    }

    [Fact]
    public async Task Due_InStdin_ReadsStandardInput()
    {
        var (exitCode, output, _) = await RunAsync(["foi", "due", "--in", "-"], stdin: "2025-10-11T09:00:00+01:00\n2025-12-24T23:59:00Z\n");

        exitCode.ShouldBe(0);
        Lines(output).ShouldBe(["2025-11-07", "2026-01-27"]);
    }

    [Fact]
    public async Task Due_BankHolidaysFile_CountsTheAnnouncedDay()
    {
        var holidays = Path.Combine(directory, "bank-holidays.json");
        await File.WriteAllTextAsync(holidays, """
            {"scotland": {"division": "scotland", "events": [{"title": "Announced", "date": "2031-06-16", "notes": "", "bunting": true}]}}
            """);

        var (_, without, _) = await RunAsync(["foi", "due", "2031-06-13T12:00:00+01:00"]);
        var (exitCode, with, _) = await RunAsync(["foi", "due", "2031-06-13T12:00:00+01:00", "--bank-holidays", holidays]);

        exitCode.ShouldBe(0);

        // Received Friday 13 June 2031: the announced Monday pushes the 20th working day from Friday 11 July past
        // Northern Ireland's Boyne substitute (Monday 14 July) to Tuesday 15 July.
        without.Trim().ShouldBe("2031-07-11");
        with.Trim().ShouldBe("2031-07-15");
    }

    [Theory]
    // Neither a date-time nor --in.
    [InlineData("foi due")]
    // Both at once: ambiguous.
    [InlineData("foi due 2026-12-18T16:45:00Z --in x.txt")]
    public async Task Due_WrongArguments_ExitsTwoWithNothingOnStdout(string commandLine)
    {
        var (exitCode, output, _) = await RunAsync(commandLine.Split(' '));

        exitCode.ShouldBe(2);
        output.ShouldBeEmpty();
    }

    [Fact]
    public async Task Root_FoiDue_IsRegisteredOnTheExecutable()
    {
        using var output = new StringWriter();

        var exitCode = await MentionWatch.Cli.CommandLine.Create([]).Parse(["foi", "due", "2026-12-18T16:45:00Z"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = TextWriter.Null });

        exitCode.ShouldBe(0);
        output.ToString().Trim().ShouldBe("2027-01-21");
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, string stdin = "")
    {
        var root = new RootCommand();
        foreach (var command in FoiCommands.Create(() => new StringReader(stdin)))
        {
            root.Subcommands.Add(command);
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string[] Lines(string output) =>
        output.Split(Environment.NewLine)[..^1];
}
