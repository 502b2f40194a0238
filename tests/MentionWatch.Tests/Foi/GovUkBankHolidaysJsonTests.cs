using System.Globalization;
using System.Net;
using System.Text;
using MentionWatch.Foi;

namespace MentionWatch.Tests.Foi;

public sealed class GovUkBankHolidaysJsonTests : IDisposable
{
    private const string SmallFile = """
        {
          "england-and-wales": {"division": "england-and-wales", "events": [
            {"title": "Christmas Day", "date": "2030-12-25", "notes": "", "bunting": true}
          ]},
          "scotland": {"division": "scotland", "events": [
            {"title": "Bank holiday for an announced event", "date": "2031-06-16", "notes": "", "bunting": true},
            {"title": "St Andrew’s Day", "date": "2030-12-02", "notes": "Substitute day", "bunting": true}
          ]},
          "northern-ireland": {"division": "northern-ireland", "events": []}
        }
        """;

    private readonly string path = Path.Combine(Path.GetTempPath(), $"bank-holidays-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(path);

    [Fact]
    public async Task LoadFileAsync_GovUkFormat_ReadsEveryEventWithDivisionAndSubstituteFlag()
    {
        await File.WriteAllTextAsync(path, SmallFile);

        var holidays = await GovUkBankHolidaysJson.LoadFileAsync(path);

        holidays.ShouldBe(
        [
            new BankHoliday(Date("2030-12-25"), "Christmas Day", UkDivision.EnglandAndWales),
            new BankHoliday(Date("2031-06-16"), "Bank holiday for an announced event", UkDivision.Scotland),
            new BankHoliday(Date("2030-12-02"), "St Andrew’s Day", UkDivision.Scotland, IsSubstitute: true),
        ]);
    }

    [Fact]
    public async Task LoadFileAsync_MergedIntoPublished_StopsTheFoiClockOnTheAnnouncedDay()
    {
        await File.WriteAllTextAsync(path, SmallFile);
        var holidays = UkBankHolidays.Published.WithAnnounced(await GovUkBankHolidaysJson.LoadFileAsync(path));

        var calendar = WorkingDayCalendar.ForFoi(holidays);

        // Monday 16 June 2031 is an ordinary working day until the file announces it.
        WorkingDayCalendar.ForFoi(UkBankHolidays.Published).IsWorkingDay(Date("2031-06-16")).ShouldBeTrue();
        calendar.IsWorkingDay(Date("2031-06-16")).ShouldBeFalse();
    }

    [Fact]
    public async Task LoadAsync_Url_ParsesTheResponseBody()
    {
        using var http = new HttpClient(new StubHandler(SmallFile));

        var holidays = await GovUkBankHolidaysJson.LoadAsync(GovUkBankHolidaysJson.OfficialUri, http);

        holidays.Count.ShouldBe(3);
    }

    [Theory]
    // Not JSON at all (an HTML error page, say).
    [InlineData("<html>", "Not valid JSON")]
    // A division key GOV.UK does not use: the wrong file, better refused than half-read.
    [InlineData("""{"wales": {"events": []}}""", "Unknown division 'wales'")]
    // A date not in yyyy-MM-dd form.
    [InlineData("""{"scotland": {"events": [{"title": "x", "date": "16/06/2031"}]}}""", "no \"date\"")]
    // A division without its events array.
    [InlineData("""{"scotland": {"division": "scotland"}}""", "no \"events\" array")]
    public void Parse_Malformed_ThrowsFormatExceptionSayingWhy(string json, string expectedMessage)
    {
        Should.Throw<FormatException>(() => GovUkBankHolidaysJson.Parse(json)).Message.ShouldContain(expectedMessage);
    }

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class StubHandler(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
