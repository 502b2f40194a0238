using System.Globalization;
using MentionWatch.Alerts;
using MentionWatch.Routing;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace MentionWatch.Spikes;

/// <summary>
/// Compares the last hour's mentions, all and per label (by posting time), with their baseline
/// (<see cref="SpikeDetector"/>) and tells comms once when a spike starts, with its top phrases and example mentions,
/// and once when it ends. A spike is a row in <c>spikes</c> (at most one open per scope); its notices are unique
/// per spike, so every run may raise them again harmlessly, and a start notice lost to a crash is raised next run.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SpikeJob(NpgsqlDataSource dataSource, AlertRaiser raiser, IOptions<SpikeOptions> options, IOptions<RoutingOptions> routing, TeamClock clock, TimeProvider time) : IJob
{
    public const string All = "all";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (options.Value.Enabled) await RunAsync(cancellationToken);
    }

    private sealed record OpenSpike(long Id, DateTimeOffset StartedAt, double Baseline);

    /// <summary>Starts and ends spikes as the counts say; returns the number of notices newly raised.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var detector = new SpikeDetector(options.Value);
        var counts = await CountAsync(now, ct);
        var open = await OpenSpikesAsync(ct);
        var raised = 0;
        foreach (var scope in counts.Keys.Union(open.Keys))
        {
            var c = counts.GetValueOrDefault(scope) ?? new SpikeCounts(0, 0, 0);
            if (open.TryGetValue(scope, out var spike))
            {
                if (detector.HasEnded(c.LastHour, spike.Baseline))
                {
                    if (await EndAsync(spike.Id, now, ct)) raised += await RaiseEndAsync(scope, spike, c, now, ct);
                }
                else if (!await NoticeExistsAsync($"spike:{spike.Id}", ct))
                {
                    raised += await RaiseStartAsync(scope, spike, c, now, ct);
                }
            }
            else if (detector.IsSpike(c) && await StartAsync(scope, c, detector.Baseline(c), now, ct) is { } started)
            {
                raised += await RaiseStartAsync(scope, started, c, now, ct);
            }
        }

        return raised;
    }

    private async Task<Dictionary<string, SpikeCounts>> CountAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            with recent as (
                select m.id, m.posted_at,
                       coalesce((select v.labels from verdicts v where v.mention_id = m.id order by v.id desc limit 1), '{}') as labels
                from mentions m
                where m.posted_at <= @now
                  and (m.posted_at > @now - interval '13 hours'
                       or (m.posted_at > @now - interval '169 hours' and m.posted_at <= @now - interval '168 hours'))),
            scoped as (
                select posted_at, 'all' as scope from recent
                union all
                select posted_at, 'label:' || unnest(labels) from recent)
            select scope,
                   count(*) filter (where posted_at > @now - interval '1 hour')::int,
                   count(*) filter (where posted_at > @now - interval '13 hours' and posted_at <= @now - interval '1 hour')::int,
                   count(*) filter (where posted_at <= @now - interval '168 hours')::int
            from scoped group by scope
            """);
        command.Parameters.AddWithValue("now", now);
        var counts = new Dictionary<string, SpikeCounts>(StringComparer.Ordinal);
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) counts[r.GetString(0)] = new SpikeCounts(r.GetInt32(1), r.GetInt32(2), r.GetInt32(3));
        return counts;
    }

    private async Task<Dictionary<string, OpenSpike>> OpenSpikesAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select scope, id, started_at, baseline from spikes where ended_at is null");
        var open = new Dictionary<string, OpenSpike>(StringComparer.Ordinal);
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) open[r.GetString(0)] = new OpenSpike(r.GetInt64(1), r.GetFieldValue<DateTimeOffset>(2), r.GetDouble(3));
        return open;
    }

    /// <summary>Opens a spike; null when another instance opened one for this scope first.</summary>
    private async Task<OpenSpike?> StartAsync(string scope, SpikeCounts counts, double baseline, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            with started as (
                insert into spikes (scope, started_at, last_hour, baseline) values (@scope, @now, @lastHour, @baseline)
                on conflict (scope) where ended_at is null do nothing returning id),
            audited as (
                insert into audit_log (at, actor, action, entity_type, entity_id, detail)
                select @now, 'mentionwatch', 'spike.started', 'spike', id::text, @scope from started)
            select id from started
            """);
        command.Parameters.AddWithValue("scope", scope);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("lastHour", counts.LastHour);
        command.Parameters.AddWithValue("baseline", baseline);
        return await command.ExecuteScalarAsync(ct) is long id ? new OpenSpike(id, now, baseline) : null;
    }

    /// <summary>Closes a spike; false when another instance closed it first.</summary>
    private async Task<bool> EndAsync(long id, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            with ended as (update spikes set ended_at = @now where id = @id and ended_at is null returning id, scope),
            audited as (
                insert into audit_log (at, actor, action, entity_type, entity_id, detail)
                select @now, 'mentionwatch', 'spike.ended', 'spike', id::text, scope from ended)
            select count(*) from ended
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("now", now);
        return (long)(await command.ExecuteScalarAsync(ct))! == 1;
    }

    private async Task<bool> NoticeExistsAsync(string subject, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select exists (select 1 from alerts where subject = @subject and team = @team)");
        command.Parameters.AddWithValue("subject", subject);
        command.Parameters.AddWithValue("team", options.Value.Team);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    private async Task<int> RaiseStartAsync(string scope, OpenSpike spike, SpikeCounts counts, DateTimeOffset now, CancellationToken ct)
    {
        var (texts, ids) = await LastHourAsync(scope, now, ct);
        var phrases = TopPhrases.Find(texts);
        var examples = ids.Take(3).Select(id => new Uri(routing.Value.PublicBaseAddress, $"mentions/{id}").ToString());
        var (_, raised) = await raiser.RaiseNoticeAsync(new Notice
        {
            Team = options.Value.Team, Kind = AlertKinds.Spike, Subject = $"spike:{spike.Id}",
            Headline = string.Create(CultureInfo.InvariantCulture,
                $"Spike: {counts.LastHour} {Describe(scope)} in the last hour, {counts.LastHour / spike.Baseline:0.#}× the usual {spike.Baseline:0.#} an hour — open MentionWatch"),
            Details =
            [
                phrases.Count == 0 ? "Top phrases: none shared by several posts." : "Top phrases: " + string.Join("; ", phrases.Select(p => $"\"{p.Phrase}\" ({p.Posts} posts)")),
                "Examples: " + string.Join(" ", examples),
                $"Started {clock.Local(spike.StartedAt)}. MentionWatch will send another notice when it ends.",
            ],
            Link = scope == All ? "mentions" : $"mentions?label={Uri.EscapeDataString(scope["label:".Length..])}",
        }, ct);
        return raised ? 1 : 0;
    }

    private async Task<int> RaiseEndAsync(string scope, OpenSpike spike, SpikeCounts counts, DateTimeOffset now, CancellationToken ct)
    {
        var (_, raised) = await raiser.RaiseNoticeAsync(new Notice
        {
            Team = options.Value.Team, Kind = AlertKinds.Spike, Subject = $"spike:{spike.Id}:ended",
            Headline = string.Create(CultureInfo.InvariantCulture,
                $"Spike over: {Describe(scope)} back to {counts.LastHour} in the last hour (usual {spike.Baseline:0.#} an hour)"),
            Details = [$"The spike began {clock.Local(spike.StartedAt)} and ended {clock.Local(now)}."],
            Link = scope == All ? "mentions" : $"mentions?label={Uri.EscapeDataString(scope["label:".Length..])}",
        }, ct);
        return raised ? 1 : 0;
    }

    private static string Describe(string scope) =>
        scope == All ? "mentions" : $"{scope["label:".Length..].Replace('_', ' ')} mentions";

    /// <summary>The last hour's texts in the scope (read for phrases, never stored) and their mention ids, newest first.</summary>
    private async Task<(List<string> Texts, List<long> Ids)> LastHourAsync(string scope, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            select m.id, m.text from mentions m
            where m.posted_at > @now - interval '1 hour' and m.posted_at <= @now
              and (@label::text is null or @label = any(coalesce((select v.labels from verdicts v where v.mention_id = m.id order by v.id desc limit 1), '{}')))
            order by m.posted_at desc, m.id desc limit 500
            """);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("label", NpgsqlTypes.NpgsqlDbType.Text, scope == All ? DBNull.Value : scope["label:".Length..]);
        var texts = new List<string>();
        var ids = new List<long>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            ids.Add(r.GetInt64(0));
            texts.Add(r.GetString(1));
        }

        return (texts, ids);
    }
}
