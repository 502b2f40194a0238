using MentionWatch.Hosting;
using MentionWatch.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MentionWatch.Tests.Messaging;

public sealed class MessagingOptionsTests
{
    private static Dictionary<string, string?> Settings(string key, string value) => new()
    {
        ["ConnectionStrings:RabbitMq"] = "amqp://guest:guest@127.0.0.1:1/",
        [key] = value,
    };

    [Theory]
    // No prefetch: the endpoints would never receive a message.
    [InlineData("Messaging:PrefetchCount", "0", "PrefetchCount")]
    // A typo'd retry count far beyond the minute and a half a fault is given.
    [InlineData("Messaging:RetryLimit", "80", "RetryLimit")]
    // Backwards intervals: MassTransit's exponential retry would never grow.
    [InlineData("Messaging:RetryMinInterval", "00:01:00", "Messaging:RetryMinInterval must not be longer than Messaging:RetryMaxInterval.")]
    // The nested batch settings are checked too: an empty batch would classify nothing.
    [InlineData("Messaging:ClassifyBatch:MessageLimit", "0", "MessageLimit")]
    [InlineData("Messaging:StuckBusAfter", "00:00:00", "StuckBusAfter")]
    public async Task Start_BadMessagingSetting_FailsNamingIt(string key, string value, string message)
    {
        // The failure comes before the bus starts: nothing listens on port 1.
        var failures = await StartupValidation.FailuresAsync(Settings(key, value), (s, c) => s.AddMessaging(c));

        failures.ShouldContain(f => f.Contains(message, StringComparison.Ordinal), $"failures: {string.Join(" | ", failures)}");
    }

    [Fact]
    public void Sample_AsShipped_BindsEveryMessagingSetting()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(RepoPaths.Combine("appsettings.sample.json")).Build();
        var services = new ServiceCollection();
        services.AddOptions<MessagingOptions>().Bind(configuration.GetSection(MessagingOptions.SectionName));
        services.AddSingleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>();
        using var provider = services.BuildServiceProvider();

        var messaging = provider.GetRequiredService<IOptions<MessagingOptions>>().Value;
        messaging.PrefetchCount.ShouldBe(16);
        messaging.RetryMinInterval.ShouldBe(TimeSpan.FromMilliseconds(200));
        messaging.StuckBusAfter.ShouldBe(TimeSpan.FromMinutes(2));
        messaging.ClassifyBatch.TimeLimit.ShouldBe(TimeSpan.FromMilliseconds(20));
    }
}
