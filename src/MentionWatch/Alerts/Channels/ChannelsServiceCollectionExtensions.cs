using MentionWatch.Hosting.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MentionWatch.Alerts.Channels;

/// <summary>Registers the alert channels and their settings.</summary>
public static class ChannelsServiceCollectionExtensions
{
    /// <summary>
    /// Adds every <see cref="IAlertChannel"/> (console, email, teams, notify-sms, webhook), their options from
    /// <c>Alerts:Console</c>, <c>Alerts:Email</c>, <c>Alerts:Notify</c> and <c>Alerts:Http</c> (validated at start), and
    /// the resilient named HTTP clients the HTTP channels use. Resolve <c>IEnumerable&lt;IAlertChannel&gt;</c> and pick
    /// by <see cref="IAlertChannel.Kind"/>.
    /// </summary>
    public static IServiceCollection AddAlertChannels(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<ConsoleChannelOptions>().Bind(configuration.GetSection(ConsoleChannelOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmailChannelOptions>().Bind(configuration.GetSection(EmailChannelOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NotifyChannelOptions>().Bind(configuration.GetSection(NotifyChannelOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HttpResilienceOptions>(HttpResilienceOptions.AlertsSectionName)
            .Bind(configuration.GetSection(HttpResilienceOptions.AlertsSectionName))
            .ValidateDataAnnotations().ValidateOnStart();

        AddResilientClient(services, TeamsAlertChannel.HttpClientName);
        AddResilientClient(services, WebhookAlertChannel.HttpClientName);
        // The Notify client signs each call itself (see NotifySmsAlertChannel on retries and its token's 30 s life).
        AddResilientClient(services, NotifySmsAlertChannel.HttpClientName);

        // The console channel's file holds excerpts: the retention run purges it too.
        services.TryAddSingleton<ConsoleAlertChannel>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertChannel, ConsoleAlertChannel>(sp => sp.GetRequiredService<ConsoleAlertChannel>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MentionWatch.Mentions.IRetainedFile, ConsoleAlertChannel>(sp => sp.GetRequiredService<ConsoleAlertChannel>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertChannel, EmailAlertChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertChannel, TeamsAlertChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertChannel, NotifySmsAlertChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertChannel, WebhookAlertChannel>());
        return services;
    }

    private static IHttpClientBuilder AddResilientClient(IServiceCollection services, string name) =>
        services.AddHttpClient(name).AddHttpMessageHandler(sp => new ResilienceHandler(
            sp.GetRequiredService<IOptionsMonitor<HttpResilienceOptions>>().Get(HttpResilienceOptions.AlertsSectionName),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger($"MentionWatch.Hosting.Http.ResilienceHandler.{name}")));
}
