using MassTransit;
using MentionWatch.Contracts;
using MentionWatch.Messaging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MentionWatch.Polling;

/// <summary>
/// The publish-second half of "store first, then publish": publishes <see cref="MentionReceived"/> for stored
/// mentions and marks them published. A broker that is down is logged, not thrown: the mentions stay unmarked
/// and the sweeper republishes them.
/// </summary>
public sealed class MentionPublisher(
    IPublishEndpoint publish, IBusControl bus, NpgsqlDataSource dataSource, MessagingProgress progress, IOptions<PollingOptions> options, TimeProvider time,
    ILogger<MentionPublisher> logger)
{
    public async Task<bool> TryPublishAsync(IReadOnlyList<long> mentionIds, CancellationToken ct)
    {
        if (mentionIds.Count == 0) return true;
        // A message published before the consumers' queues are bound is dropped by the broker, so publish only to
        // a started bus; otherwise leave the mentions to the sweeper.
        if (await bus.WaitForHealthStatus(BusHealthStatus.Healthy, options.Value.PublishTimeout) != BusHealthStatus.Healthy)
        {
            Log.BusNotReady(logger, mentionIds.Count);
            return false;
        }

        if (!await PublishAllAsync(mentionIds.Select(id => new MentionReceived { MentionId = id }).ToList(), mentionIds, ct)) return false;

        await using var command = dataSource.CreateCommand("update mentions set published_at = @now where id = any(@ids)");
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        command.Parameters.AddWithValue("ids", mentionIds.ToArray());
        await command.ExecuteNonQueryAsync(ct);
        return true;
    }

    /// <summary>Publishes <see cref="AlertRaised"/> again for alerts no delivery consumer has taken up; false when the broker is not ready.</summary>
    public async Task<bool> TryPublishAlertsAsync(IReadOnlyList<long> alertIds, CancellationToken ct)
    {
        return bus.CheckHealth().Status == BusHealthStatus.Healthy
               && await PublishAllAsync(alertIds.Select(id => new AlertRaised { AlertId = id }).ToList(), [], ct);
    }

    /// <summary>
    /// Publishes the messages together (the broker confirms them together), within the publish timeout; false on
    /// failure, logged. Either way <see cref="MessagingProgress"/> hears of it, with the mentions announced.
    /// </summary>
    private async Task<bool> PublishAllAsync<T>(IReadOnlyList<T> messages, IReadOnlyList<long> mentionIds, CancellationToken ct) where T : class
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.PublishTimeout);
            await Task.WhenAll(messages.Select(m => publish.Publish(m, timeout.Token)));
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            Log.PublishFailed(logger, e, messages.Count);
            progress.PublishFailed();
            return false;
        }

        progress.Published(mentionIds);
        return true;
    }

    /// <summary>
    /// Sends a stored mention through classification and routing again, after a person reclassified it. It is
    /// marked unpublished first, so the sweeper finishes the job if the broker is not ready at this moment.
    /// </summary>
    public async Task RepublishAsync(long mentionId, CancellationToken ct)
    {
        await using (var command = dataSource.CreateCommand("update mentions set published_at = null where id = @id"))
        {
            command.Parameters.AddWithValue("id", mentionId);
            await command.ExecuteNonQueryAsync(ct);
        }

        if (bus.CheckHealth().Status == BusHealthStatus.Healthy) await TryPublishAsync([mentionId], ct);
    }
}
