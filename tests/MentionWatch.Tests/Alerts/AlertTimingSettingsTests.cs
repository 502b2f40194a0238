using MentionWatch.Alerts;
using MentionWatch.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MentionWatch.Tests.Alerts;

public sealed class AlertTimingSettingsTests
{
    private static ServiceProvider Services(IDictionary<string, string?>? overrides = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(RepoPaths.Combine("appsettings.sample.json"))
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddOptions<RoutingOptions>().Bind(configuration.GetSection(RoutingOptions.SectionName));
        services.AddAlertTiming(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Sample_AsShipped_RefusesThePlaceholderSigningKey()
    {
        using var services = Services();

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<AlertDeliveryOptions>>().Value)
            .Message.ShouldContain("placeholder");
    }

    [Fact]
    public void Sample_WithARealKey_BindsEveryTimingSetting()
    {
        using var services = Services(new Dictionary<string, string?> { ["Alerts:AcknowledgeSigningKey"] = new string('k', 40) });

        var alerts = services.GetRequiredService<IOptions<AlertDeliveryOptions>>().Value;
        alerts.EscalateAfter.ShouldBe(TimeSpan.FromMinutes(15));
        alerts.EscalationContacts.ShouldBe(["duty-manager"]);
        var teams = services.GetRequiredService<IOptions<RoutingOptions>>().Value.EffectiveTeams;
        teams["spa"].Delivery.ShouldBe(DeliveryMode.Both);
        teams["spa"].Lead.ShouldBe("duty-manager");
        teams["spa"].Channels.Last().Fallback.ShouldBeTrue();
        teams["press"].OfficeHoursClose.ShouldBe(TimeSpan.FromHours(18));
        teams["pals"].AcknowledgeWorkingDays.ShouldBe(3);
    }

    [Theory]
    // The default teams: SPA and on-call get urgent distress, which would only reach the console log.
    [InlineData(null, null, "Team 'oncall' can receive urgent alerts but has no channel that reaches a person", true)]
    // A console-only team that takes distress.
    [InlineData("Routing:Teams:crisis-line:Labels:0", "distress", "Routing:Teams:crisis-line:Channels:0:Kind", false)]
    // An escalation contact whose only channel that sends to someone is a fallback.
    [InlineData("Routing:Teams:duty-manager:Channels:0:Kind", "console", "Team 'duty-manager'", false)]
    public void UrgentTeam_WithNoChannelThatReachesAPerson_RefusesToStartUnlessDemo(string? key, string? value, string message, bool defaults)
    {
        var settings = new Dictionary<string, string?> { ["Alerts:AcknowledgeSigningKey"] = new string('k', 40) };
        if (key is not null) settings[key] = value;
        if (key == "Routing:Teams:duty-manager:Channels:0:Kind") settings["Routing:Teams:duty-manager:Channels:1:Fallback"] = "true";
        using var services = defaults ? DefaultTeams(settings) : Services(settings);

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<AlertDeliveryOptions>>().Value).Message.ShouldContain(message);
        settings["Alerts:DemoMode"] = "true";
        using var demo = defaults ? DefaultTeams(settings) : Services(settings);
        demo.GetRequiredService<IOptions<AlertDeliveryOptions>>().Value.DemoMode.ShouldBeTrue();
    }

    /// <summary>No Routing section at all: the policy's default teams, none with a channel.</summary>
    private static ServiceProvider DefaultTeams(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddOptions<RoutingOptions>().Bind(configuration.GetSection(RoutingOptions.SectionName));
        services.AddAlertTiming(configuration);
        return services.BuildServiceProvider();
    }

    [Theory]
    // An escalation contact that is not a team would send to nobody.
    [InlineData("Alerts:EscalationContacts:0", "nobody", "EscalationContacts")]
    // Nor would a lead that is not a team.
    [InlineData("Routing:Teams:pals:Lead", "nobody", "Lead")]
    // A team whose every channel is a fallback never sends at all.
    [InlineData("Routing:Teams:duty-manager:Channels:0:Fallback", "true", "fallback")]
    public void Settings_PointingNowhere_FailAtStart(string key, string value, string message)
    {
        using var services = Services(new Dictionary<string, string?>
        {
            ["Alerts:AcknowledgeSigningKey"] = new string('k', 40),
            [key] = value,
            // The sample's duty manager has two channels: the fallback row makes the second one a fallback too.
            ["Routing:Teams:duty-manager:Channels:1:Fallback"] = key.Contains("Fallback", StringComparison.Ordinal) ? "true" : "false",
        });

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<AlertDeliveryOptions>>().Value).Message.ShouldContain(message);
    }
}
