using MassTransit;
using MentionWatch.Alerts;
using RabbitMQ.Client;

namespace MentionWatch.Messaging;

/// <summary>The RabbitMQ queues of this service's consumers, named as <c>AddMessaging</c> names them.</summary>
public static class ServiceQueues
{
    /// <summary>The receive queues under <paramref name="prefix"/> (<c>Messaging:QueuePrefix</c>).</summary>
    public static IReadOnlyList<string> Names(string? prefix)
    {
        var names = new KebabCaseEndpointNameFormatter(prefix, false);
        return [names.Consumer<ClassifyMentionConsumer>(), names.Consumer<DeliverAlertConsumer>()];
    }

    /// <summary>
    /// Deletes the queues and exchanges under <paramref name="prefix"/>, with their error and skipped queues: left on a
    /// broker that is used again, they stay bound to the message types and take a copy of every message published
    /// after them. For throwaway prefixes (the benchmark's, the tests'); never for a running service's.
    /// </summary>
    public static async Task DeleteAsync(Uri broker, string prefix, CancellationToken ct = default)
    {
        var factory = new ConnectionFactory { Uri = broker, ClientProvidedName = "mentionwatch cleanup" };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        foreach (var queue in Names(prefix))
        {
            foreach (var name in new[] { queue, queue + ErrorQueueReplayer.ErrorSuffix, queue + "_skipped" })
            {
                await channel.QueueDeleteAsync(name, ifUnused: false, ifEmpty: false, cancellationToken: ct);
                await channel.ExchangeDeleteAsync(name, ifUnused: false, cancellationToken: ct);
            }
        }
    }
}
