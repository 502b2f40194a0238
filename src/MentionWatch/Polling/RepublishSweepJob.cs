using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace MentionWatch.Polling;

/// <summary>
/// Republishes mentions stored but not marked published after <see cref="PollingOptions.RepublishAfter"/> (the
/// broker was down, or the process died between store and publish), and alerts no delivery consumer has yet taken
/// up (a notice raised while the broker was unreachable). Consumers are idempotent, so publishing twice is harmless.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RepublishSweepJob(NpgsqlDataSource dataSource, MentionPublisher publisher, IOptions<PollingOptions> options, TimeProvider time) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await SweepAsync(cancellationToken);

    /// <summary>Returns how many mentions and alerts it republished.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var ids = new List<long>();
            await using (var command = dataSource.CreateCommand(
                "select id from mentions where published_at is null and first_seen_at <= @before order by id limit 1000"))
            {
                command.Parameters.AddWithValue("before", time.GetUtcNow() - options.Value.RepublishAfter);
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt64(0));
            }

            if (ids.Count == 0 || !await publisher.TryPublishAsync(ids, ct)) break;
            total += ids.Count;
        }

        // An alert is planned (delivery_plan set) by the first delivery consumer that takes it up.
        var alerts = new List<long>();
        await using (var command = dataSource.CreateCommand(
            "select id from alerts where delivery_plan is null and raised_at <= @before order by id limit 1000"))
        {
            command.Parameters.AddWithValue("before", time.GetUtcNow() - options.Value.RepublishAfter);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) alerts.Add(reader.GetInt64(0));
        }

        if (alerts.Count > 0 && await publisher.TryPublishAlertsAsync(alerts, ct)) total += alerts.Count;
        return total;
    }
}
