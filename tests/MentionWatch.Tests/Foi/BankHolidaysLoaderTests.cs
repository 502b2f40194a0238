using System.Globalization;
using MentionWatch.Foi;
using MentionWatch.Tests.Alerts;
using MentionWatch.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentionWatch.Tests.Foi;

public sealed class BankHolidaysLoaderTests : IDisposable
{
    // Tuesday 5 January 2027: an announced one-off day in Scotland only, not in the shipped table.
    private const string Announced = """
        {
          "scotland": {"division": "scotland", "events": [
            {"title": "Announced one-off", "date": "2027-01-05", "notes": "", "bunting": true}
          ]}
        }
        """;

    private readonly string path = Path.Combine(Path.GetTempPath(), $"bank-holidays-{Guid.NewGuid():N}.json");
    private readonly ListLogger logger = new();

    public void Dispose() => File.Delete(path);

    [Fact]
    public async Task LoadAsync_File_MergesAnnouncedDayIntoFoiClock()
    {
        await File.WriteAllTextAsync(path, Announced);
        using var http = new HttpClient();

        var holidays = await BankHolidaysLoader.LoadAsync(path, http, logger, CancellationToken.None);

        holidays.IsBankHolidayInAnyDivision(Date("2027-01-05")).ShouldBeTrue();
        // The contract example moves on by one working day.
        new FoiClock(WorkingDayCalendar.ForFoi(holidays), TrustTime.Uk).DueDate(Date("2026-12-18")).ShouldBe(Date("2027-01-22"));
        logger.Lines.ShouldContain(l => l.StartsWith("Information:", StringComparison.Ordinal) && l.Contains("1 not in the shipped table"));
    }

    [Fact]
    public async Task LoadAsync_Url_MergesAnnouncedDay()
    {
        await using var server = await FakeHttpServer.StartAsync();
        server.DefaultResponder = async (context, _) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Announced);
        };
        using var http = new HttpClient();

        var holidays = await BankHolidaysLoader.LoadAsync(server.Url("bank-holidays.json").ToString(), http, logger, CancellationToken.None);

        holidays.IsBankHoliday(Date("2027-01-05"), UkDivision.Scotland).ShouldBeTrue();
        server.Requests.Single().Path.ShouldBe("/bank-holidays.json");
    }

    [Theory]
    // A URL answering with a server error.
    [InlineData("status500")]
    // A URL answering with something that is not the GOV.UK format (an HTML error page).
    [InlineData("html")]
    // A URL that never answers within the timeout.
    [InlineData("hang")]
    public async Task LoadAsync_BadUrl_LogsErrorAndUsesShippedTable(string behaviour)
    {
        await using var server = await FakeHttpServer.StartAsync();
        server.DefaultResponder = behaviour switch
        {
            "status500" => FakeHttpServer.Status(500, "boom"),
            "html" => FakeHttpServer.Status(200, "<html>Service unavailable</html>"),
            _ => FakeHttpServer.Hang(),
        };
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(500) };
        var url = server.Url("bank-holidays.json").ToString();

        var holidays = await BankHolidaysLoader.LoadAsync(url, http, logger, CancellationToken.None);

        holidays.ShouldBeSameAs(UkBankHolidays.Published);
        logger.Lines.ShouldContain(l => l.StartsWith("Error:", StringComparison.Ordinal) && l.Contains(url) && l.Contains("shipped table only"));
    }

    [Theory]
    // No such file.
    [InlineData(null)]
    // A file in the wrong format: truncated JSON.
    [InlineData("{\"scotland\": {\"events\": [")]
    // A file in the wrong format: an unknown division key.
    [InlineData("{\"wales\": {\"events\": []}}")]
    public async Task LoadAsync_BadFile_LogsErrorAndUsesShippedTable(string? content)
    {
        if (content is not null)
        {
            await File.WriteAllTextAsync(path, content);
        }

        using var http = new HttpClient();

        var holidays = await BankHolidaysLoader.LoadAsync(path, http, logger, CancellationToken.None);

        holidays.ShouldBeSameAs(UkBankHolidays.Published);
        logger.Lines.ShouldContain(l => l.StartsWith("Error:", StringComparison.Ordinal) && l.Contains(path));
    }

    [Fact]
    public async Task LoadAsync_NoSource_ShippedTableWithoutLogging()
    {
        using var http = new HttpClient();

        (await BankHolidaysLoader.LoadAsync("  ", http, logger, CancellationToken.None)).ShouldBeSameAs(UkBankHolidays.Published);
        logger.Lines.ShouldBeEmpty();
    }

    [Fact]
    public async Task AddFoiCases_BankHolidaysSourceConfigured_ClockResolvedWithAnnouncedDay()
    {
        await File.WriteAllTextAsync(path, Announced);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Foi:BankHolidaysSource"] = path }).Build();
        // AddFoiClock first, as the host does: the configured source still wins.
        var services = new ServiceCollection().AddLogging().AddFoiClock().AddFoiCases(configuration);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<FoiClock>().DueDate(Date("2026-12-18")).ShouldBe(Date("2027-01-22"));
    }

    [Fact]
    public async Task AddFoiCases_MissingSource_StartsOnShippedTable()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Foi:BankHolidaysSource"] = path }).Build();
        var services = new ServiceCollection().AddLogging().AddFoiCases(configuration);
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<UkBankHolidays>().ShouldBeSameAs(UkBankHolidays.Published);
        provider.GetRequiredService<FoiClock>().DueDate(Date("2026-12-18")).ShouldBe(Date("2027-01-21"));
    }

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add($"{logLevel}: {formatter(state, exception)}");
    }
}
