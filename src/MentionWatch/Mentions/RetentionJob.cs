using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace MentionWatch.Mentions;

/// <summary>
/// Deletes mentions posted longer ago than <see cref="RetentionOptions.KeepMonths"/>, with their verdicts, alerts,
/// deliveries and notes, except those on legal hold, those with an alert not yet closed, and those whose FOI case
/// is neither closed nor withdrawn (a closed case outlives its post: its <c>mention_id</c> becomes null). The count
/// deleted and kept is written to the audit log.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(NpgsqlDataSource dataSource, TimeProvider time, IOptions<RetentionOptions> options) : IJob
{
    private const string Expired = """
        from mentions m
        where m.posted_at < @cutoff
        """;

    private const string Protected = """
        (m.legal_hold
         or exists (select 1 from alerts a where a.mention_id = m.id and a.state <> 'closed')
         or exists (select 1 from foi_cases f where f.mention_id = m.id and f.state not in ('closed', 'withdrawn')))
        """;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    /// <summary>One retention run; returns how many mentions were deleted.</summary>
    public async Task<RetentionResult> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var cutoff = now.AddMonths(-options.Value.KeepMonths);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        await using var kept = new NpgsqlCommand($"select count(*) {Expired} and {Protected}", connection, transaction);
        kept.Parameters.AddWithValue("cutoff", cutoff);
        var keptCount = (long)(await kept.ExecuteScalarAsync(ct))!;

        await using var delete = new NpgsqlCommand($"delete {Expired} and not {Protected}", connection, transaction);
        delete.Parameters.AddWithValue("cutoff", cutoff);
        var deleted = await delete.ExecuteNonQueryAsync(ct);

        await using var audit = new NpgsqlCommand(
            "insert into audit_log (at, actor, action, entity_type, entity_id, detail) values (@at, 'mentionwatch', 'retention.deleted', 'mention', null, @detail)",
            connection, transaction);
        audit.Parameters.AddWithValue("at", now);
        audit.Parameters.AddWithValue("detail",
            $"deleted {deleted} mentions posted before {cutoff:yyyy-MM-dd}; kept {keptCount} on legal hold or with an open case");
        await audit.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return new RetentionResult(deleted, keptCount, cutoff);
    }
}
