using System.Globalization;
using MentionWatch.Routing;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace MentionWatch.Alerts;

/// <summary>
/// Tells a team how far a story has spread since its alert: one "shared N more times" notice at most every
/// <see cref="AlertDeliveryOptions.StoryUpdateEvery"/> (an hour) after the alert or the last update, and only while
/// the team's alert is still open (not yet acknowledged): the copies themselves raise no alerts.
/// </summary>
/// <remarks>
/// The n-th update of a story for a team has the subject <c>story:ROOT:update:n</c>, unique per team, so two runs (or
/// two instances) raising it at once raise it once; it records the copies it counted, so the next counts only newer ones.
/// </remarks>
[DisallowConcurrentExecution]
public sealed class StoryUpdateJob(
    NpgsqlDataSource dataSource, AlertRaiser raiser, TeamClock clock, IOptions<AlertDeliveryOptions> options, TimeProvider time) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    private sealed record Due(long AlertId, string Team, long StoryId, string Platform, DateTimeOffset Since, int Copies, int Counted, int Accounts, int Updates);

    /// <summary>Raises every update that is due; returns how many it raised.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = new List<Due>();
        await using (var select = dataSource.CreateCommand(
            """
            select a.id, a.team, a.mention_id, m.platform, coalesce(u.last_at, a.raised_at), s.copies, coalesce(u.counted, 0), s.accounts, u.updates
            from alerts a
            join mentions m on m.id = a.mention_id
            cross join lateral (
                select count(*)::int copies, count(distinct coalesce(c.author_handle, c.id::text))::int accounts
                from mentions c where c.story_id = a.mention_id) s
            cross join lateral (
                select count(*)::int updates, max(n.raised_at) last_at, max(n.story_copies) counted
                from alerts n where n.kind = 'story_update' and n.team = a.team and n.subject like 'story:' || a.mention_id || ':update:%') u
            where a.kind = 'mention' and a.state = 'open'
              and a.mention_id in (select story_id from mentions where story_id is not null)
              and s.copies > coalesce(u.counted, 0)
              and coalesce(u.last_at, a.raised_at) + @every <= @now
            order by a.id limit 500
            """))
        {
            select.Parameters.AddWithValue("every", options.Value.StoryUpdateEvery);
            select.Parameters.AddWithValue("now", now);
            await using var r = await select.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                due.Add(new Due(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4),
                    r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), r.GetInt32(8)));
            }
        }

        var raised = 0;
        foreach (var story in due)
        {
            var (_, isNew) = await raiser.RaiseNoticeAsync(Update(story), ct);
            if (isNew) raised++;
        }

        return raised;
    }

    /// <summary>The update, without personal data: how many more copies, by how many accounts, since when.</summary>
    private Notice Update(Due story)
    {
        var more = story.Copies - story.Counted;
        return new Notice
        {
            // No MentionId: alerts are unique per (mention, team), and the team has the story's own alert.
            Team = story.Team, Kind = AlertKinds.StoryUpdate, Urgent = false, StoryCopies = story.Copies,
            Subject = $"story:{story.StoryId}:update:{story.Updates + 1}",
            Headline = string.Create(CultureInfo.InvariantCulture, $"Story shared {more:N0} more {Times(more)} ({story.Copies:N0} in all) — open MentionWatch"),
            Details =
            [
                string.Create(CultureInfo.InvariantCulture,
                    $"The {story.Platform} post of alert #{story.AlertId} for team {story.Team} has been shared or posted again {more:N0} more {Times(more)} since {clock.Local(story.Since)}."),
                string.Create(CultureInfo.InvariantCulture, $"{story.Copies:N0} copies in all, by {story.Accounts:N0} {(story.Accounts == 1 ? "account" : "accounts")}: each is listed on the post's page."),
                "Acknowledge or close the alert and these updates stop; the copies raise no alerts of their own.",
            ],
            Link = $"mentions/{story.StoryId}",
        };
    }

    private static string Times(int n) => n == 1 ? "time" : "times";
}
