using MentionWatch.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MentionWatch.Tests.Time;

public sealed class TimeOptionsTests
{
    [Theory]
    // A typo in the zone would put office hours and FOI dates in UTC, or nowhere.
    [InlineData("Time:Zone", "Europe/Londn", "Time:Zone is not an IANA time zone id")]
    // The old key, which a deployment may still set, must not be silently ignored.
    [InlineData("Routing:TimeZone", "Europe/London", "Routing:TimeZone has moved: set Time:Zone instead.")]
    public async Task Start_BadTimeZoneSetting_FailsNamingTheKey(string key, string value, string message)
    {
        var failures = await StartupValidation.FailuresAsync(new Dictionary<string, string?> { [key] = value }, (s, c) => s.AddTrustTime(c));

        failures.ShouldContain(f => f.Contains(message, StringComparison.Ordinal), $"failures: {string.Join(" | ", failures)}");
    }

    [Fact]
    public async Task Start_NoSetting_StartsInUkTime()
    {
        (await StartupValidation.FailuresAsync(new Dictionary<string, string?>(), (s, c) => s.AddTrustTime(c))).ShouldBeEmpty();
    }

    [Fact]
    public void TrustTime_ConfiguredZone_IsTheOneEveryoneGets()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Time:Zone"] = "Europe/Dublin" }).Build();
        using var services = new ServiceCollection().AddTrustTime(configuration).BuildServiceProvider();

        services.GetRequiredService<TrustTime>().Zone.Id.ShouldBe("Europe/Dublin");
        TimeServiceCollectionExtensions.FromConfiguration(configuration).Zone.Id.ShouldBe("Europe/Dublin");
    }

    [Theory]
    // Clocks went forward at 01:00 GMT on 30 Mar 2025: 01:30 never happened.
    [InlineData("2025-03-30T01:30", null)]
    // Clocks went back at 02:00 BST on 26 Oct 2025: 01:30 happened twice; the later, GMT one is taken.
    [InlineData("2025-10-26T01:30", "2025-10-26T01:30:00Z")]
    // An ordinary summer time: an hour ahead of UTC.
    [InlineData("2025-07-01T09:00", "2025-07-01T08:00:00Z")]
    public void FromWallClock_UkWallClockTime_IsTheInstantOrNone(string local, string? expectedUtc)
    {
        var parsed = NodaTime.Text.LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm").Parse(local).Value;

        TrustTime.Uk.FromWallClock(parsed)?.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture).ShouldBe(expectedUtc);
    }
}
