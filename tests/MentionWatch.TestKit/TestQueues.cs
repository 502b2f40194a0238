using MentionWatch.Messaging;
using RabbitMQ.Client.Exceptions;

namespace MentionWatch.TestKit;

/// <summary>
/// A queue prefix of one test's own, whose queues and exchanges are deleted when the test ends. Left behind, they stay
/// bound to the message types, so every later test's messages would be copied into them too and pile up unread: more
/// work for the broker on every publish, and a slower restart for the test that restarts it.
/// </summary>
public sealed class TestQueues(string rabbitMq, string letter) : IAsyncDisposable
{
    public string Prefix { get; } = $"{letter}{Guid.NewGuid():N}"[..30];

    /// <summary>The command-line setting that gives an instance these queues.</summary>
    public string Argument => $"--Messaging:QueuePrefix={Prefix}";

    public ValueTask DisposeAsync() => new(DeleteAsync(rabbitMq, Prefix));

    /// <summary>Deletes the queues under <paramref name="prefix"/>; nothing to do when the broker is unreachable (a test made it so).</summary>
    public static async Task DeleteAsync(string rabbitMq, string prefix)
    {
        try
        {
            await ServiceQueues.DeleteAsync(new Uri(rabbitMq), prefix);
        }
        catch (BrokerUnreachableException)
        {
        }
    }
}
