using System.Diagnostics;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace MentionWatch.Bench;

/// <summary>
/// What RabbitMQ allows on this machine for messages like the service's: persistent messages the size of a
/// <c>MentionReceived</c> in MassTransit's JSON envelope, published with publisher confirms (up to 256 awaiting their
/// confirm, as RabbitMQ's guide to confirms publishes in batches) to a durable queue, and consumed at the same time with
/// an acknowledgement per message, on the RabbitMQ.Client the service's transport uses. Timed from the first publish
/// to the last acknowledgement.
/// </summary>
internal sealed class RabbitMqCeiling(Uri broker)
{
    private const int ConfirmWindow = 256;
    private const ushort Prefetch = 200;

    /// <summary>A MentionReceived as MassTransit 8 sends it (its envelope's fields, this service's names); only its size matters.</summary>
    public static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """
        {"messageId":"0c7a0000-5d2b-0015-2c3f-08dd3a6f1b2e","requestId":null,"correlationId":null,
        "conversationId":"0c7a0000-5d2b-0015-2c40-08dd3a6f1b2e","initiatorId":null,
        "sourceAddress":"rabbitmq://127.0.0.1:56730/mw-bench/mentionwatch1_mentionwatch_bus_8ynoyy8b6ecqq7k4bdq3gmbwre?temporary=true",
        "destinationAddress":"rabbitmq://127.0.0.1:56730/mw-bench/MentionWatch.Contracts:MentionReceived",
        "responseAddress":null,"faultAddress":null,"messageType":["urn:message:MentionWatch.Contracts:MentionReceived"],
        "message":{"mentionId":1234567},"expirationTime":null,"sentTime":"2026-12-08T02:40:11.1234567Z","headers":{},
        "host":{"machineName":"mentionwatch-7d9f8c6b5-x2k4q","processName":"mentionwatch","processId":1,"assembly":"mentionwatch",
        "assemblyVersion":"1.0.0.0","frameworkVersion":"10.0.12","massTransitVersion":"8.5.12.0",
        "operatingSystemVersion":"Unix 6.1.0.0"}}
        """);

    public async Task<double> MeasureAsync(int messages, CancellationToken ct)
    {
        var factory = new ConnectionFactory { Uri = broker, ClientProvidedName = "mentionwatch bench ceiling" };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var publisher = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        await using var consumer = await connection.CreateChannelAsync(cancellationToken: ct);
        var queue = $"mw-bench-ceiling-{Guid.NewGuid():N}";
        await publisher.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
        try
        {
            var consumed = 0;
            var allConsumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await consumer.BasicQosAsync(0, Prefetch, global: false, ct);
            var receiver = new AsyncEventingBasicConsumer(consumer);
            receiver.ReceivedAsync += async (_, delivery) =>
            {
                await consumer.BasicAckAsync(delivery.DeliveryTag, multiple: false, ct);
                if (Interlocked.Increment(ref consumed) == messages) allConsumed.TrySetResult();
            };
            await consumer.BasicConsumeAsync(queue, autoAck: false, receiver, ct);

            var properties = new BasicProperties { Persistent = true, ContentType = "application/vnd.masstransit+json" };
            var watch = Stopwatch.StartNew();
            var pending = new List<Task>(ConfirmWindow);
            for (var i = 0; i < messages; i++)
            {
                pending.Add(publisher.BasicPublishAsync("", queue, mandatory: true, properties, Body, ct).AsTask());
                if (pending.Count == ConfirmWindow || i == messages - 1)
                {
                    await Task.WhenAll(pending);
                    pending.Clear();
                }
            }

            await allConsumed.Task.WaitAsync(TimeSpan.FromMinutes(10), ct);
            return messages / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            await publisher.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false, cancellationToken: CancellationToken.None);
        }
    }
}
