using MentionWatch.Hosting;
using MentionWatch.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MentionWatch.Tests.Routing;

public sealed class RoutingValidationTests
{
    [Theory]
    // A misspelt label: no post would ever reach the team.
    [InlineData("Routing:Teams:pals:Labels:0", "complaints", "Routing:Teams:pals:Labels has 'complaints', which is not a label")]
    // Office hours that close before they open: the team would never be open.
    [InlineData("Routing:Teams:pals:OfficeHoursOpen", "18:00:00", "Routing:Teams:pals: OfficeHoursOpen (18:00:00) must come before OfficeHoursClose (17:00:00)")]
    // A channel kind nothing sends on.
    [InlineData("Routing:Teams:pals:Channels:0:Kind", "pager", "Routing:Teams:pals:Channels:0:Kind 'pager' is not a channel")]
    // An email channel with nobody to send to.
    [InlineData("Routing:Teams:pals:Channels:0:Kind", "email", "Routing:Teams:pals:Channels:0:Address is empty: a email channel needs one.")]
    [InlineData("Routing:Teams:pals:AcknowledgeWorkingDays", "45", "Routing:Teams:pals:AcknowledgeWorkingDays must be 0 to 20, not 45.")]
    public async Task Start_BadTeamSetting_FailsNamingTheKey(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?> { [key] = value };

        var failures = await StartupValidation.FailuresAsync(settings, (s, c) => s.AddRouting(c));

        failures.ShouldContain(f => f.Contains(message, StringComparison.Ordinal), $"failures: {string.Join(" | ", failures)}");
    }

    [Fact]
    public async Task Start_DefaultTeams_Starts()
    {
        (await StartupValidation.FailuresAsync(new Dictionary<string, string?>(), (s, c) => s.AddRouting(c))).ShouldBeEmpty();
    }

    [Fact]
    public void EffectiveTeams_ReadTwice_BuiltOnceWithoutChangingTheBoundSettings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Named like a default and given no labels: takes the default's (distress) and its acknowledgement target.
            ["Routing:Teams:spa:Channels:0:Kind"] = "console",
        }).Build();
        using var services = new ServiceCollection().AddOptions<RoutingOptions>().Bind(configuration.GetSection(RoutingOptions.SectionName)).Services.BuildServiceProvider();
        var options = services.GetRequiredService<IOptions<RoutingOptions>>().Value;

        var teams = options.EffectiveTeams;

        options.EffectiveTeams.ShouldBeSameAs(teams);
        teams["spa"].Labels.ShouldBe(["distress"]);
        teams["spa"].AcknowledgeWorkingDays.ShouldBe(1);
        options.Teams["spa"].Labels.ShouldBeEmpty();
        options.Teams["spa"].AcknowledgeWorkingDays.ShouldBeNull();
    }
}
