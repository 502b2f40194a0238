using System.Globalization;
using MentionWatch.Foi;

namespace MentionWatch.IntegrationTests.Foi;

[Collection(ServersCollection.Name)]
public sealed class FoiRemindersTests(ServersFixture servers)
{
    [Fact]
    public async Task RaiseDueAsync_DayByDayOnThreeInstancesAndAfterRestart_EachReminderOnceOnItsWorkingDayAndDeliveredOnce()
    {
        var database = await servers.CreateDatabaseAsync();
        var time = new TestClock(Instant("2025-10-06T11:00:00+01:00"));
        await using var host = await FoiHost.StartAsync(servers, database, time, SampleReplay.Write(0, "foi-reminders"));

        // Received Monday 6 Oct 2025: due Monday 3 Nov.
        var id = (await host.Cases.OpenAsync(new FoiCaseOpening
        {
            ReceivedAt = Instant("2025-10-06T10:00:00+01:00"), Requester = "Daniel Okafor", Summary = "Out of area placements", Actor = "alice",
        }, default)).Id;
        await host.RaiseRemindersAsync();

        // Two more instances of the job over their own connections, as other MentionWatch processes would run it;
        // one is restarted (new connections, nothing remembered in memory) on the due date.
        var other = host.OtherInstance();
        var restarting = host.OtherInstance();
        for (var day = Date("2025-10-07"); day <= Date("2025-11-07"); day = day.AddDays(1))
        {
            foreach (var hour in new[] { 9, 16 })
            {
                time.Now = London(day, hour);
                if (day == Date("2025-11-03") && hour == 9)
                {
                    await restarting.DisposeAsync();
                    restarting = host.OtherInstance();
                }

                await host.RaiseRemindersAsync();
                await other.Reminders.RaiseDueAsync(default);
                await restarting.Reminders.RaiseDueAsync(default);
            }
        }

        await other.DisposeAsync();
        await restarting.DisposeAsync();
        var raised = await RemindersAsync(database);
        raised.ShouldBe(
        [
            ($"foi-case:{id}:opened", Date("2025-10-06")),
            ($"foi-case:{id}:5-days:2025-11-03", Date("2025-10-27")),
            ($"foi-case:{id}:2-days:2025-11-03", Date("2025-10-30")),
            ($"foi-case:{id}:due:2025-11-03", Date("2025-11-03")),
            ($"foi-case:{id}:overdue:2025-11-04", Date("2025-11-04")),
            ($"foi-case:{id}:overdue:2025-11-05", Date("2025-11-05")),
            ($"foi-case:{id}:overdue:2025-11-06", Date("2025-11-06")),
            ($"foi-case:{id}:overdue:2025-11-07", Date("2025-11-07")),
        ]);
        await using var data = Npgsql.NpgsqlDataSource.Create(database);
        // First sends of the reminders only: urgent ones (due, overdue) left unacknowledged are also re-sent by the
        // escalation job as the clock jumps days, under round-numbered keys of their own.
        const string firstSends = "from deliveries d join alerts a on a.id = d.alert_id where a.kind = 'foi_reminder' and d.idempotency_key !~ '-r[0-9]+$'";
        await FoiHost.WaitUntilAsync(data, $"select count(*) {firstSends} and d.status = 'sent'", raised.Count);
        (await FoiHost.CountAsync(data, $"select count(*) {firstSends}")).ShouldBe(raised.Count);
        (await FoiHost.CountAsync(data, "select count(*) from alerts where kind = 'foi_reminder' and team = 'foi' and link = 'foi/cases/" + id + "'")).ShouldBe(raised.Count);
        (await FoiHost.CountAsync(data, "select count(*) from alerts where headline like '%Okafor%' or headline like '%placements%' or array_to_string(details, ' ') like '%Okafor%'")).ShouldBe(0);
        // Each reminder audited once. Other notices (an SLA breach, an escalation) may be raised as the clock jumps
        // days, whenever their own jobs happen to run: they are not what this test counts.
        (await FoiHost.CountAsync(data, "select count(*) from audit_log l join alerts a on a.id::text = l.entity_id where l.action = 'alert.raised' and a.kind = 'foi_reminder'"))
            .ShouldBe(raised.Count);
    }

    [Fact]
    public async Task RaiseDueAsync_ClarificationThenExtension_StoppedClockSilentAndNewDueDateEarnsFreshReminders()
    {
        var database = await servers.CreateDatabaseAsync();
        var time = new TestClock(Instant("2025-10-06T11:00:00+01:00"));
        await using var host = await FoiHost.StartAsync(servers, database, time, SampleReplay.Write(0, "foi-clarify"));
        var id = (await host.Cases.OpenAsync(new FoiCaseOpening
        {
            ReceivedAt = Instant("2025-10-06T10:00:00+01:00"), Requester = "R", Summary = "S", Actor = "alice",
        }, default)).Id;
        await host.RaiseRemindersAsync();

        // Clarification asked on 7 Oct and only answered on Wednesday 5 Nov, after the old due date: no reminders meanwhile.
        time.Now = Instant("2025-10-07T09:00:00+01:00");
        await host.Cases.TransitionAsync(id, new() { Action = FoiCaseAction.RequestClarification, Actor = "alice", Reason = "Which year?" }, default);
        for (var day = Date("2025-10-07"); day <= Date("2025-11-05"); day = day.AddDays(1))
        {
            time.Now = London(day, 9);
            await host.RaiseRemindersAsync();
        }

        // New clock from Wednesday 5 Nov: due Thursday 4 Dec (St Andrew's substitute, Monday 1 Dec, skipped).
        time.Now = London(Date("2025-11-05"), 12);
        var resumed = await host.Cases.TransitionAsync(id, new() { Action = FoiCaseAction.ReceiveClarification, Actor = "alice" }, default);
        resumed.DueDate.ShouldBe(Date("2025-12-04"));
        time.Now = London(Date("2025-11-26"), 9);
        await host.RaiseRemindersAsync();

        // Extended by 5 working days on Thursday 27 Nov: due Thursday 11 Dec; 5 left on 4 Dec.
        time.Now = London(Date("2025-11-27"), 10);
        var extended = await host.Cases.TransitionAsync(id, new()
        {
            Action = FoiCaseAction.Extend, Actor = "bob", ExtensionWorkingDays = 5, Reason = "public interest test",
        }, default);
        extended.DueDate.ShouldBe(Date("2025-12-11"));
        time.Now = London(Date("2025-12-03"), 9);
        await host.RaiseRemindersAsync();
        time.Now = London(Date("2025-12-04"), 9);
        await host.RaiseRemindersAsync();

        (await RemindersAsync(database)).ShouldBe(
        [
            ($"foi-case:{id}:opened", Date("2025-10-06")),
            // 26 Nov: 5 working days to 4 Dec (27, 28 Nov, 2, 3, 4 Dec).
            ($"foi-case:{id}:5-days:2025-12-04", Date("2025-11-26")),
            // 4 Dec: 5 working days to the extended date 11 Dec, a fresh reminder (3 Dec, with 6 left, had none).
            ($"foi-case:{id}:5-days:2025-12-11", Date("2025-12-04")),
        ]);
    }

    private static async Task<List<(string Subject, DateOnly RaisedOn)>> RemindersAsync(string database)
    {
        await using var data = Npgsql.NpgsqlDataSource.Create(database);
        await using var command = data.CreateCommand("select subject, raised_at from alerts where kind = 'foi_reminder' order by raised_at, id");
        await using var reader = await command.ExecuteReaderAsync();
        var reminders = new List<(string, DateOnly)>();
        while (await reader.ReadAsync())
        {
            reminders.Add((reader.GetString(0), FoiClock.Default.ReceivedOn(reader.GetFieldValue<DateTimeOffset>(1))));
        }

        return reminders;
    }

    private static DateTimeOffset London(DateOnly day, int hour) =>
        MentionWatch.Time.TrustTime.Uk.At(day, new NodaTime.LocalTime(hour, 0));

    private static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
