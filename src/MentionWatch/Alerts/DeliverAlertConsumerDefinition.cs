using MassTransit;

namespace MentionWatch.Alerts;

/// <summary>
/// Endpoint settings of <see cref="DeliverAlertConsumer"/>: as for classification, more in flight than the default
/// of 16, since a delivery mostly waits (database, SMTP, HTTP). <c>Messaging:PrefetchCount</c>, default 64.
/// </summary>
public sealed class DeliverAlertConsumerDefinition : ConsumerDefinition<DeliverAlertConsumer>
{
    public DeliverAlertConsumerDefinition(IConfiguration configuration)
    {
        ConcurrentMessageLimit = configuration.GetValue("Messaging:PrefetchCount", 64);
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<DeliverAlertConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.PrefetchCount = ConcurrentMessageLimit ?? 64;
    }
}
