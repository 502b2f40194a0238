using MentionWatch.Alerts;
using MentionWatch.Alerts.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MentionWatch.Tests.Alerts;

/// <summary>Sample alerts and a service provider wired the way the host wires the channels.</summary>
internal static class TestAlerts
{
    public const string HostileExcerpt = "<script>alert('x')</script> I can't go on [click](http://evil.example) & \"bye\" — @jo_bloggs";

    public static AlertMessage Urgent(string? excerpt = HostileExcerpt) => new()
    {
        AlertId = 42,
        MentionId = 4242,
        Team = "crisis",
        Labels = ["distress", "risk-to-life"],
        Urgent = true,
        Headline = "Urgent: possible crisis post — open MentionWatch",
        Reasons = ["Mentions ending their life", "Names the trust's crisis line"],
        Instructions = ["Refer to the Single Point of Access team now", "If there is an immediate risk to life, tell them to call 999"],
        Platform = "x",
        PostedAt = new DateTimeOffset(2025, 3, 14, 9, 12, 0, TimeSpan.Zero),
        Link = "https://mentionwatch.trust.example/mentions/4242",
        AcknowledgeLink = "https://mentionwatch.trust.example/alerts/42/ack?sig=abc",
        Excerpt = excerpt,
        PostUrl = excerpt is null ? null : "https://x.com/jo_bloggs/status/123",
    };

    public static AlertMessage Routine() => Urgent(excerpt: null) with
    {
        AlertId = 7,
        Urgent = false,
        Team = "comms",
        Labels = ["praise"],
        Headline = "Praise for Ward 7",
        Instructions = ["Share with the ward manager"],
        AcknowledgeLink = null,
    };

    /// <summary>The channels as the host registers them, on a fake clock; retries and timeouts cost no real time.</summary>
    public static ServiceProvider Services(TestClock clock, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Alerts:Http:MaxAttempts"] = "3",
            ["Alerts:Http:BaseDelay"] = "00:00:00.200",
            ["Alerts:Http:MaxRetryAfter"] = "00:00:30",

            // Longer than the fake clock's fire-at-once limit, so an attempt never times out unless a test says so.
            ["Alerts:Http:AttemptTimeout"] = "00:05:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddAlertChannels(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static IAlertChannel Channel(this ServiceProvider services, string kind) =>
        services.GetServices<IAlertChannel>().Single(c => c.Kind == kind);
}
