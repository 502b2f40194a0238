using MentionWatch.Alerts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MentionWatch.Foi;

/// <summary>
/// Sends the FOI team the reminders its cases call for today, as notices on the alert path. Safe to run as often as
/// wanted, by any number of instances: each reminder is an alert unique per (subject, team), so it is raised once,
/// and delivered once, however many runs ask for it.
/// </summary>
public sealed class FoiReminders(
    NpgsqlDataSource dataSource, AlertRaiser raiser, FoiClock clock, TimeProvider time, IOptions<FoiOptions> options, ILogger<FoiReminders> logger)
{
    /// <summary>Raises what is due (skipping reminders already raised and delivered); returns how many it raised.</summary>
    public async Task<int> RaiseDueAsync(CancellationToken ct)
    {
        var today = clock.Today(time);
        var team = options.Value.Team;
        List<FoiCase> cases;
        await using (var command = dataSource.CreateCommand(
            FoiCaseRows.Select + " where c.state in ('open', 'acknowledged', 'extended', 'clarification_requested') order by c.id"))
        {
            cases = await FoiCaseRows.ReadAllAsync(command, ct);
        }

        var wanted = cases.SelectMany(c => FoiReminder.For(c, today, clock)).ToList();
        if (wanted.Count == 0)
        {
            return 0;
        }

        // A reminder raised but not yet delivered is asked for again: AlertRaiser republishes it (a lost publish).
        var done = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand(
            "select a.subject from alerts a where a.team = @team and a.subject = any(@subjects) and exists (select 1 from deliveries d where d.alert_id = a.id)"))
        {
            command.Parameters.AddWithValue("team", team);
            command.Parameters.AddWithValue("subjects", wanted.Select(w => w.Subject).ToArray());
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                done.Add(reader.GetString(0));
            }
        }

        var raised = 0;
        foreach (var reminder in wanted.Where(w => !done.Contains(w.Subject)))
        {
            try
            {
                var (_, isNew) = await raiser.RaiseNoticeAsync(new Notice
                {
                    Team = team,
                    Kind = AlertKinds.FoiReminder,
                    Subject = reminder.Subject,
                    Headline = reminder.Headline,
                    Details = reminder.Details,
                    Link = $"foi/cases/{reminder.CaseId}",
                    Urgent = reminder.Urgent,
                }, ct);
                raised += isNew ? 1 : 0;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or MassTransit.MassTransitException or TimeoutException)
            {
                // One reminder failing (broker down, a race with another instance) must not hold back the others.
                Log.ReminderFailed(logger, ex, reminder.Subject);
            }
        }

        if (raised > 0)
        {
            Log.RemindersRaised(logger, raised, team);
        }

        return raised;
    }
}
