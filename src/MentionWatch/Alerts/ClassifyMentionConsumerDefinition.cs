using MassTransit;

namespace MentionWatch.Alerts;

/// <summary>
/// Endpoint settings of <see cref="ClassifyMentionConsumer"/>: how many messages it holds (prefetch) and works on at
/// once. The work is a few database round trips per message, so throughput is latency-bound: more in flight than
/// MassTransit's default of 16 keeps both cores busy. <c>Messaging:PrefetchCount</c>, default 64.
/// </summary>
public sealed class ClassifyMentionConsumerDefinition : ConsumerDefinition<ClassifyMentionConsumer>
{
    public ClassifyMentionConsumerDefinition(IConfiguration configuration)
    {
        ConcurrentMessageLimit = configuration.GetValue("Messaging:PrefetchCount", 64);
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<ClassifyMentionConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.PrefetchCount = ConcurrentMessageLimit ?? 64;
    }
}
