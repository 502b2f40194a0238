using Npgsql;

namespace MentionWatch.Alerts;

/// <summary>One team's acknowledgement figures for the alerts raised in a date range.</summary>
/// <param name="Breached">Acknowledged after the target, or still unacknowledged with the target passed.</param>
public sealed record TeamSlaFigures(string Team, int Alerts, int Acknowledged, int AcknowledgedInTime, int Breached, int OpenPastTarget);

/// <summary>Per-team acknowledgement figures against each alert's target, for the web app's reports.</summary>
public sealed class SlaFigures(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>
    /// Alerts with an acknowledgement target of their own: not digests (their items have one), not breach notices, not a
    /// story's updates (its alert has one).
    /// </summary>
    internal const string CountedKinds = "kind not in ('digest', 'sla_breach', 'story_update')";

    /// <summary>Figures for the alerts raised at or after <paramref name="from"/> and before <paramref name="to"/>, one row per team.</summary>
    public async Task<IReadOnlyList<TeamSlaFigures>> ForTeamsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select team, count(*)::int,
                   count(acknowledged_at)::int,
                   count(*) filter (where acknowledged_at <= due_at)::int,
                   count(*) filter (where acknowledged_at > due_at or (acknowledged_at is null and due_at <= @now))::int,
                   count(*) filter (where acknowledged_at is null and due_at <= @now)::int
            from alerts
            where raised_at >= @from and raised_at < @to and due_at is not null and {CountedKinds}
            group by team order by team
            """);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        var figures = new List<TeamSlaFigures>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
            figures.Add(new TeamSlaFigures(r.GetString(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5)));
        return figures;
    }
}
