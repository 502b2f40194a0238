using System.Globalization;
using MassTransit;
using MentionWatch.Contracts;
using MentionWatch.Routing;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace MentionWatch.Alerts;

/// <summary>
/// Sends each team one digest of the alerts held out of hours, once their team's office hours open. A digest is an
/// alert of kind <c>digest</c>, so it is delivered, audited and deduplicated like any other.
/// </summary>
/// <remarks>
/// Never twice, never skipping one, across restarts and several instances: the held alerts are locked
/// (<c>for update skip locked</c>), the digest is inserted and each held alert is marked with the digest's id in one
/// transaction, so every held alert joins exactly one digest; the digest's subject is made from its first alert's id,
/// so a straggler held just as a digest went out gets a digest of its own instead of being lost. A publish after
/// commit that is lost leaves the digest unplanned, and <see cref="Polling.RepublishSweepJob"/> publishes it again.
/// </remarks>
[DisallowConcurrentExecution]
public sealed class DigestJob(NpgsqlDataSource dataSource, IPublishEndpoint publisher, TeamClock clock, IOptions<RoutingOptions> routing, TimeProvider time) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    /// <summary>Sends every digest that is due; returns how many digests it created.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var teams = new List<string>();
        await using (var command = dataSource.CreateCommand("select distinct team from alerts where digest_at <= @now and digest_alert_id is null"))
        {
            command.Parameters.AddWithValue("now", now);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) teams.Add(reader.GetString(0));
        }

        var created = 0;
        foreach (var team in teams)
        {
            if (await CreateDigestAsync(team, now, ct) is { } digestId)
            {
                created++;
                await publisher.Publish(new AlertRaised { AlertId = digestId }, ct);
            }
        }

        return created;
    }

    private sealed record Item(long Id, string[] Labels, string Kind, string? Headline, long? MentionId, string? Link, DateTimeOffset? DueAt, string? Platform, DateTimeOffset? PostedAt);

    private async Task<long?> CreateDigestAsync(string team, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var items = new List<Item>();
        await using (var select = new NpgsqlCommand(
            """
            select a.id, a.labels, a.kind, a.headline, a.mention_id, a.link, a.due_at, m.platform, m.posted_at
            from alerts a left join mentions m on m.id = a.mention_id
            where a.team = @team and a.digest_at <= @now and a.digest_alert_id is null
            order by a.id for update of a skip locked
            """, connection, transaction))
        {
            select.Parameters.AddWithValue("team", team);
            select.Parameters.AddWithValue("now", now);
            await using var r = await select.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                items.Add(new Item(r.GetInt64(0), r.GetFieldValue<string[]>(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                    r.IsDBNull(4) ? null : r.GetInt64(4), r.IsDBNull(5) ? null : r.GetString(5),
                    r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6), r.IsDBNull(7) ? null : r.GetString(7),
                    r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8)));
            }
        }

        // Another instance holds them, or they went in a digest since the list was read.
        if (items.Count == 0) return null;

        var subject = $"digest:{team}:{items[0].Id}";
        await using var insert = new NpgsqlCommand(
            """
            with digest as (
                insert into alerts (team, labels, urgent, raised_at, kind, subject, headline, details, link)
                values (@team, '{}', false, @now, 'digest', @subject, @headline, @details, @link)
                returning id),
            carried as (
                update alerts set digest_alert_id = (select id from digest) where id = any(@ids) returning id),
            audited as (
                insert into audit_log (at, actor, action, entity_type, entity_id, detail)
                select @now, 'mentionwatch', 'alert.digest', 'alert', id::text, @audit from digest)
            select id from digest
            """, connection, transaction);
        insert.Parameters.AddWithValue("team", team);
        insert.Parameters.AddWithValue("now", now);
        insert.Parameters.AddWithValue("subject", subject);
        insert.Parameters.AddWithValue("headline", $"Digest for {team}: {items.Count} alert{(items.Count == 1 ? "" : "s")} raised out of hours — open MentionWatch");
        insert.Parameters.AddWithValue("details", items.Select(Line).ToArray());
        insert.Parameters.AddWithValue("link", $"alerts?team={Uri.EscapeDataString(team)}");
        insert.Parameters.AddWithValue("ids", items.Select(i => i.Id).ToArray());
        insert.Parameters.AddWithValue("audit", $"{items.Count} held alerts for team {team}: {string.Join(", ", items.Select(i => i.Id))}");
        var digestId = (long)(await insert.ExecuteScalarAsync(ct))!;
        await transaction.CommitAsync(ct);
        return digestId;
    }

    /// <summary>One line per held alert, without personal data: what, when, by when, and where to open it.</summary>
    private string Line(Item item)
    {
        var what = item.Kind == AlertKinds.Mention
            ? (item.Labels.Length == 0 ? "mention" : string.Join(", ", item.Labels.Select(l => l.Replace('_', ' '))))
            : item.Headline ?? item.Kind;
        var posted = item.PostedAt is { } at
            ? string.Create(CultureInfo.InvariantCulture, $", posted {clock.Local(at)} on {item.Platform}") : "";
        var due = item.DueAt is { } by ? $", acknowledge by {clock.Local(by)}" : "";
        var link = new Uri(routing.Value.PublicBaseAddress, item.MentionId is { } m && item.Kind == AlertKinds.Mention ? $"mentions/{m}" : item.Link ?? "");
        return $"#{item.Id} {what}{posted}{due} — {link}";
    }
}
