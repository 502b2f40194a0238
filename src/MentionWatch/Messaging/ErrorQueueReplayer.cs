using System.Text;
using RabbitMQ.Client;

namespace MentionWatch.Messaging;

/// <summary>
/// Moves messages that MassTransit gave up on (its <c>QUEUE_error</c> queues, holding the exception in the
/// <c>MT-Fault-*</c> headers) back to the queue they came from, once an operator has fixed the cause. Each message is
/// republished with its body and properties, without the fault headers, and confirmed by the broker before it is
/// removed from the error queue: a crash half way leaves a message in both queues, never in neither, and the
/// consumers are idempotent.
/// </summary>
public sealed class ErrorQueueReplayer(Uri broker)
{
    /// <summary>Suffix MassTransit gives the error queue of each receive endpoint.</summary>
    public const string ErrorSuffix = "_error";

    /// <summary>One message moved back, with the reason it had failed.</summary>
    public sealed record MovedMessage(string Queue, string? MessageId, string Reason);

    /// <summary>Messages waiting in a queue; zero when the queue does not exist.</summary>
    public async Task<uint> CountAsync(string queue, CancellationToken ct)
    {
        await using var connection = await Factory().CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, ct)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Moves at most <paramref name="max"/> of the messages now in <paramref name="queue"/>'s error queue back to
    /// <paramref name="queue"/>. Only what is there at the start is moved, so a message that fails again is not
    /// picked up twice in one run.
    /// </summary>
    public async Task<IReadOnlyList<MovedMessage>> ReplayAsync(string queue, int max, CancellationToken ct)
    {
        var errorQueue = queue + ErrorSuffix;
        var waiting = await CountAsync(errorQueue, ct);
        var moved = new List<MovedMessage>();
        if (waiting == 0 || max <= 0) return moved;

        await using var connection = await Factory().CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        for (var i = 0; i < Math.Min(waiting, (uint)max); i++)
        {
            var message = await channel.BasicGetAsync(errorQueue, autoAck: false, ct);
            if (message is null) break;
            var properties = new BasicProperties(message.BasicProperties);
            var reason = Reason(properties.Headers);
            if (properties.Headers is not null)
            {
                var headers = new Dictionary<string, object?>(properties.Headers);
                foreach (var key in headers.Keys.Where(IsFaultHeader).ToList()) headers.Remove(key);
                properties.Headers = headers;
            }

            // Through the default exchange straight to the queue: only this endpoint gets it again, not every subscriber.
            await channel.BasicPublishAsync("", queue, mandatory: true, properties, message.Body, ct);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, ct);
            moved.Add(new MovedMessage(queue, properties.MessageId, reason));
        }

        return moved;
    }

    /// <summary>The fault's exception type and message as MassTransit recorded them, in one line.</summary>
    public static string Reason(IDictionary<string, object?>? headers)
    {
        string? Text(string key) => headers is not null && headers.TryGetValue(key, out var value)
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), null => null, _ => value.ToString() }
            : null;
        var type = Text("MT-Fault-ExceptionType");
        var message = Text("MT-Fault-Message") ?? Text("MT-Reason") ?? "no reason recorded";
        return type is null ? message : $"{type}: {message}";
    }

    private static bool IsFaultHeader(string key) =>
        key.StartsWith("MT-Fault-", StringComparison.Ordinal) || key == "MT-Reason";

    private ConnectionFactory Factory() => new() { Uri = broker, ClientProvidedName = "mentionwatch replay-errors" };
}
