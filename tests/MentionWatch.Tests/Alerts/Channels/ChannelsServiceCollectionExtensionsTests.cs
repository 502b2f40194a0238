using MentionWatch.Alerts;
using MentionWatch.Alerts.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MentionWatch.Tests.Alerts.Channels;

public sealed class ChannelsServiceCollectionExtensionsTests
{
    [Fact]
    public void AddAlertChannels_NothingConfigured_RegistersEveryKindOnce()
    {
        using var services = TestAlerts.Services(new TestClock { FireAtOnceUpTo = TimeSpan.FromMinutes(1) });

        services.GetServices<IAlertChannel>().Select(c => c.Kind).Order()
            .ShouldBe(["console", "email", "notify-sms", "teams", "webhook"]);
    }

    [Fact]
    public void AddAlertChannels_CalledTwice_NoDuplicateChannels()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        var collection = new ServiceCollection().AddLogging();
        collection.AddAlertChannels(configuration).AddAlertChannels(configuration);
        using var services = collection.BuildServiceProvider();

        services.GetServices<IAlertChannel>().Count().ShouldBe(5);
    }

    [Theory]
    [InlineData("Alerts:Notify:ApiKey", "not-a-key")] // pasted the wrong secret
    [InlineData("Alerts:Email:Host", "smtp.example")] // host without From
    [InlineData("Alerts:Http:MaxAttempts", "0")] // would never send
    [InlineData("Alerts:Console:JsonlPath", "")] // nowhere to write
    public void AddAlertChannels_BadSetting_FailsValidation(string key, string value)
    {
        using var services = TestAlerts.Services(new TestClock { FireAtOnceUpTo = TimeSpan.FromMinutes(1) }, new Dictionary<string, string?> { [key] = value });

        // ValidateOnStart runs these same validators when the host starts.
        Should.Throw<OptionsValidationException>(() =>
        {
            _ = services.GetRequiredService<IOptions<NotifyChannelOptions>>().Value;
            _ = services.GetRequiredService<IOptions<EmailChannelOptions>>().Value;
            _ = services.GetRequiredService<IOptions<ConsoleChannelOptions>>().Value;
            _ = services.GetRequiredService<IOptionsMonitor<MentionWatch.Hosting.Http.HttpResilienceOptions>>()
                .Get(MentionWatch.Hosting.Http.HttpResilienceOptions.AlertsSectionName);
        });
    }
}
