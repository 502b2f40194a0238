using MentionWatch.Foi;
using MentionWatch.Routing;
using MentionWatch.Spikes;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace MentionWatch.Alerts;

/// <summary>Registers the timing side of alerts: office hours, digests, acknowledgement links, escalation, SLA figures, spikes.</summary>
public static class AlertTimingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="AlertDeliveryOptions"/> (section <c>Alerts</c>, validated at start), <see cref="TeamClock"/>,
    /// <see cref="AcknowledgeLinks"/>, <see cref="AlertAcknowledgement"/> and <see cref="SlaFigures"/>. The Quartz jobs
    /// are added to the host's one scheduler by <see cref="AddAlertTimingJobs"/>.
    /// </summary>
    public static IServiceCollection AddAlertTiming(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertDeliveryOptions>().Bind(configuration.GetSection(AlertDeliveryOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.AcknowledgeSigningKey?.StartsWith('<') != true,
                "Alerts:AcknowledgeSigningKey is still the sample's placeholder: set a random key of at least 32 characters in the environment.")
            .Validate<IOptions<RoutingOptions>>(
                (o, routing) => o.EscalationContacts.All(routing.Value.EffectiveTeams.ContainsKey),
                "Every Alerts:EscalationContacts entry must be a team configured under Routing:Teams (with its channels).")
            .Validate<IOptions<RoutingOptions>>(
                (_, routing) => routing.Value.EffectiveTeams.Values.All(t => t.Lead is null || routing.Value.EffectiveTeams.ContainsKey(t.Lead)),
                "Every Routing:Teams:NAME:Lead must be a team configured under Routing:Teams.")
            .Validate<IOptions<RoutingOptions>>(
                (_, routing) => routing.Value.EffectiveTeams.Values.All(t => t.Channels.Count == 0 || t.Channels.Any(c => !c.Fallback)),
                "Every team with channels needs at least one that is not a fallback (Routing:Teams:NAME:Channels:M:Fallback).")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertDeliveryOptions>, UrgentReachValidation>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(UkBankHolidays.Published);
        services.AddSingleton<TeamClock>();
        services.AddSingleton<AcknowledgeLinks>();
        services.AddSingleton<AlertAcknowledgement>();
        services.AddSingleton<SlaFigures>();
        services.AddSpikes(configuration);
        return services;
    }

    /// <summary>
    /// Adds <see cref="DigestJob"/>, <see cref="EscalationJob"/>, <see cref="SlaBreachJob"/> and <see cref="StoryUpdateJob"/>, each every
    /// <see cref="AlertDeliveryOptions.TimingJobInterval"/>, and the <see cref="SpikeJob"/>, to the scheduler being configured.
    /// </summary>
    public static void AddAlertTimingJobs(this IQuartzBuilder q, IConfiguration configuration)
    {
        var interval = configuration.GetValue($"{AlertDeliveryOptions.SectionName}:{nameof(AlertDeliveryOptions.TimingJobInterval)}", TimeSpan.FromSeconds(30));
        AddTimingJob<DigestJob>(q, "alert-digest", interval);
        AddTimingJob<EscalationJob>(q, "alert-escalation", interval);
        AddTimingJob<SlaBreachJob>(q, "alert-sla-breach", interval);
        AddTimingJob<StoryUpdateJob>(q, "alert-story-update", interval);
        q.AddSpikeJob(configuration);
    }

    internal static void AddTimingJob<T>(IQuartzBuilder q, string name, TimeSpan interval) where T : IJob
    {
        var key = new JobKey(name, "alerts");
        q.AddJob<T>(j => j.WithIdentity(key).StoreDurably());
        q.AddTrigger(t => t.ForJob(key).WithIdentity(name, "alerts").StartNow()
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()));
    }
}
