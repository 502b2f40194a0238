using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace MentionWatch.Polling;

/// <summary>
/// Republishes mentions stored but not marked published after <see cref="PollingOptions.RepublishAfter"/> (the
/// broker was down, or the process died between store and publish). Consumers are idempotent, so a mention
/// published twice is harmless.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RepublishSweepJob(NpgsqlDataSource dataSource, MentionPublisher publisher, IOptions<PollingOptions> options, TimeProvider time) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await SweepAsync(cancellationToken);

    /// <summary>Returns how many mentions it republished.</summary>
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

            if (ids.Count == 0 || !await publisher.TryPublishAsync(ids, ct)) return total;
            total += ids.Count;
        }
    }
}
