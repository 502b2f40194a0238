using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using MentionWatch.Foi;
using MentionWatch.Time;

namespace MentionWatch.Cli;

/// <summary>The <c>foi</c> verbs: <c>foi due</c> computes FOI response due dates; <c>foi open</c> and <c>foi figures</c> (<see cref="FoiCaseCommands"/>) work on cases.</summary>
/// <remarks>
/// <c>foi due</c>'s standard output is a contract checked against independent test vectors: one <c>yyyy-MM-dd</c>
/// per input (or an <c>error: …</c> line in <c>--in</c> mode), nothing else.
/// </remarks>
internal static partial class FoiCommands
{
    public static IEnumerable<Command> Create() => Create(() => Console.In);

    /// <param name="stdin">Where <c>--in -</c> reads from; tests pass their own reader.</param>
    internal static IEnumerable<Command> Create(Func<TextReader> stdin)
    {
        var received = new Argument<string?>("received")
        {
            Description = "When the request was received (posted), ISO 8601 with an offset, e.g. 2026-12-18T16:45:00+00:00 or 2026-12-18T16:45:00Z.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var input = new Option<string?>("--in")
        {
            Description = "A file with one received date-time per line ('-' for standard input); prints one due date per line.",
        };
        var bankHolidays = new Option<string?>("--bank-holidays")
        {
            Description = "A GOV.UK bank-holidays.json file or http(s) URL whose days are added to the shipped table first.",
        };

        var due = new Command("due", "Print the FOIA s.10 due date (20th working day after the day of receipt, Europe/London) as yyyy-MM-dd.");
        due.Arguments.Add(received);
        due.Options.Add(input);
        due.Options.Add(bankHolidays);
        due.SetAction((pr, ct) => RunDueAsync(
            pr.GetValue(received), pr.GetValue(input), pr.GetValue(bankHolidays), stdin,
            pr.InvocationConfiguration.Output, pr.InvocationConfiguration.Error, ct));

        var foi = new Command("foi", "Freedom of Information statutory clock.");
        foi.Subcommands.Add(due);
        foreach (var command in FoiCaseCommands.Create())
        {
            foi.Subcommands.Add(command);
        }

        return [foi];
    }

    private static async Task<int> RunDueAsync(
        string? received, string? inputPath, string? bankHolidaysSource, Func<TextReader> stdin,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        if ((received is null) == (inputPath is null))
        {
            await error.WriteLineAsync("error: give either a RECEIVED date-time or --in FILE, not both or neither.");
            return 2;
        }

        FoiClock clock;
        try
        {
            clock = await CreateClockAsync(bankHolidaysSource, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or HttpRequestException or FormatException
                                   || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            // TaskCanceledException without our own cancellation is HttpClient's timeout.
            await error.WriteLineAsync($"error: cannot load bank holidays from {bankHolidaysSource}: {ex.Message}");
            return 2;
        }

        if (received is not null)
        {
            if (!TryParseReceivedAt(received, out var receivedAt))
            {
                await error.WriteLineAsync($"error: '{received}' is not an ISO 8601 date-time with an offset (e.g. 2026-12-18T16:45:00+00:00).");
                return 1;
            }

            await output.WriteLineAsync(FormatDate(clock.DueDate(receivedAt)));
            return 0;
        }

        if (inputPath == "-")
        {
            return await WriteDueDatesAsync(clock, stdin(), output, ct);
        }

        StreamReader file;
        try
        {
            file = new StreamReader(inputPath!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: cannot read {inputPath}: {ex.Message}");
            return 2;
        }

        using (file)
        {
            return await WriteDueDatesAsync(clock, file, output, ct);
        }
    }

    /// <summary>One output line per input line, so output line N always answers input line N.</summary>
    private static async Task<int> WriteDueDatesAsync(FoiClock clock, TextReader reader, TextWriter output, CancellationToken ct)
    {
        var failed = 0;
        var lineNumber = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            lineNumber++;
            var text = line.Trim();
            if (text.Length == 0)
            {
                await output.WriteLineAsync();
            }
            else if (TryParseReceivedAt(text, out var receivedAt))
            {
                await output.WriteLineAsync(FormatDate(clock.DueDate(receivedAt)));
            }
            else
            {
                // Keep going: one bad vector must not hide the answers for the rest of the file.
                failed++;
                await output.WriteLineAsync($"error: line {lineNumber}: '{text}' is not an ISO 8601 date-time with an offset");
            }
        }

        return failed == 0 ? 0 : 1;
    }

    private static async Task<FoiClock> CreateClockAsync(string? source, CancellationToken ct)
    {
        if (source is null)
        {
            return FoiClock.Default;
        }

        IReadOnlyList<BankHoliday> announced;
        if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            announced = await GovUkBankHolidaysJson.LoadAsync(uri, http, ct);
        }
        else
        {
            announced = await GovUkBankHolidaysJson.LoadFileAsync(source, ct);
        }

        return new FoiClock(WorkingDayCalendar.ForFoi(UkBankHolidays.Published.WithAnnounced(announced)), TrustTime.Uk);
    }

    /// <summary>
    /// Accepts an ISO 8601 date-time only when it carries an explicit offset (<c>Z</c>, <c>+01:00</c>, <c>+0100</c>):
    /// without one the day of receipt would depend on this machine's time zone.
    /// </summary>
    internal static bool TryParseReceivedAt(string text, out DateTimeOffset receivedAt)
    {
        receivedAt = default;
        return IsoDateTimeWithOffset().IsMatch(text)
               && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out receivedAt);
    }

    private static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex IsoDateTimeWithOffset();
}
