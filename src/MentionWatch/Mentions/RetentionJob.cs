using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace MentionWatch.Mentions;

/// <summary>
/// Purges personal data past its period (<see cref="RetentionOptions"/>), in one transaction, audited with the counts:
/// <list type="bullet">
/// <item>mentions posted longer ago than <c>KeepMonths</c>, with their verdicts, alerts, deliveries and notes — except
/// those on legal hold, those whose FOI case is neither closed nor withdrawn (a closed case outlives its post: its
/// <c>mention_id</c> becomes null), and those with an alert not yet closed, until <c>KeepOpenAlertMonths</c>;</item>
/// <item>notices (digests, reminders, spike and breach alerts, which quote posts) raised before the same cut-off,
/// unless an alert still kept was carried by that digest;</item>
/// <item>quarantined payloads older than <c>QuarantineDays</c>;</item>
/// <item>FOI cases closed or withdrawn more than <c>FoiCaseYears</c> ago, with their events;</item>
/// <item>records of wrong passwords (they hold the sender's address) a day after the last one, unless they still lock
/// an address out;</item>
/// <item>then, after the commit, the entries of each <see cref="IRetainedFile"/> older than the mentions' cut-off.</item>
/// </list>
/// </summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(NpgsqlDataSource dataSource, TimeProvider time, IOptions<RetentionOptions> options, IEnumerable<IRetainedFile> files) : IJob
{
    private const string Expired = """
        from mentions m
        where m.posted_at < @cutoff
        """;

    private const string Protected = """
        (m.legal_hold
         or (m.posted_at >= @openAlertCutoff and exists (select 1 from alerts a where a.mention_id = m.id and a.state <> 'closed'))
         or exists (select 1 from foi_cases f where f.mention_id = m.id and f.state not in ('closed', 'withdrawn')))
        """;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    /// <summary>One retention run.</summary>
    public async Task<RetentionResult> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var o = options.Value;
        var cutoff = now.AddMonths(-o.KeepMonths);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        async Task<long> ExecAsync(string sql, bool scalar = false)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("cutoff", cutoff);
            command.Parameters.AddWithValue("openAlertCutoff", now.AddMonths(-Math.Max(o.KeepOpenAlertMonths, o.KeepMonths)));
            command.Parameters.AddWithValue("quarantineCutoff", now.AddDays(-o.QuarantineDays));
            command.Parameters.AddWithValue("foiCutoff", now.AddYears(-o.FoiCaseYears));
            command.Parameters.AddWithValue("now", now);
            return scalar ? (long)(await command.ExecuteScalarAsync(ct))! : await command.ExecuteNonQueryAsync(ct);
        }

        var kept = await ExecAsync($"select count(*) {Expired} and {Protected}", scalar: true);
        var deleted = (int)await ExecAsync($"delete {Expired} and not {Protected}");
        var notices = (int)await ExecAsync(
            """
            delete from alerts n where n.mention_id is null and n.raised_at < @cutoff
              and not exists (select 1 from alerts carried where carried.digest_alert_id = n.id)
            """);
        var quarantined = (int)await ExecAsync("delete from quarantine where received_at < @quarantineCutoff");
        var foiCases = (int)await ExecAsync("delete from foi_cases where state in ('closed', 'withdrawn') and updated_at < @foiCutoff");
        var signInFailures = (int)await ExecAsync(
            "delete from sign_in_failures where last_failed_at < @now - interval '1 day' and (locked_until is null or locked_until <= @now)");
        await AuditAsync(connection, transaction, now, "mention",
            $"deleted {deleted} mentions posted before {cutoff:yyyy-MM-dd}; kept {kept} on legal hold, with an FOI case running or an alert still open "
            + $"(for at most {o.KeepOpenAlertMonths} months); deleted {notices} notices, {quarantined} quarantined payloads older than {o.QuarantineDays} days "
            + $"and {foiCases} FOI cases closed more than {o.FoiCaseYears} years ago; {signInFailures} records of wrong passwords over a day old", ct);
        await transaction.CommitAsync(ct);

        var fileEntries = 0;
        foreach (var file in files)
        {
            var purged = await file.PurgeAsync(cutoff, ct);
            fileEntries += purged;
            await AuditAsync(connection, null, now, "file", $"deleted {purged} entries written before {cutoff:yyyy-MM-dd} from {file.Description}", ct);
        }

        return new RetentionResult(deleted, kept, cutoff, notices, quarantined, foiCases, fileEntries, signInFailures);
    }

    private static async Task AuditAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, DateTimeOffset at, string entityType, string detail, CancellationToken ct)
    {
        await using var audit = new NpgsqlCommand(
            "insert into audit_log (at, actor, action, entity_type, entity_id, detail) values (@at, 'mentionwatch', 'retention.deleted', @type, null, @detail)",
            connection, transaction);
        audit.Parameters.AddWithValue("at", at);
        audit.Parameters.AddWithValue("type", entityType);
        audit.Parameters.AddWithValue("detail", detail);
        await audit.ExecuteNonQueryAsync(ct);
    }
}
