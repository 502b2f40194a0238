using MentionWatch.Alerts;
using Microsoft.Extensions.DependencyInjection;

namespace MentionWatch.IntegrationTests.Alerts;

[Collection(ServersCollection.Name)]
public sealed class NoticeTests(ServersFixture servers)
{
    [Fact]
    public async Task RaiseNotice_CalledByEveryRunOfAJob_RaisesOneAlertAuditedAndDeliveredOnce()
    {
        await using var pipeline = await Pipeline.StartAsync(servers, SampleReplay.Write(0, "notice"));
        var notice = new Notice
        {
            Team = "comms", Kind = AlertKinds.SourceSilent, Subject = "source:test:silent:1",
            Headline = "Source test has not polled successfully for 10 minutes",
            Details = ["Last error: 500 from the platform"], Link = "sources",
        };

        var results = new List<(long AlertId, bool Raised)>();
        for (var run = 0; run < 3; run++)
        {
            await using var scope = pipeline.Services.CreateAsyncScope();
            results.Add(await scope.ServiceProvider.GetRequiredService<AlertRaiser>().RaiseNoticeAsync(notice, CancellationToken.None));
        }

        results.Select(r => r.AlertId).Distinct().Count().ShouldBe(1);
        results.Count(r => r.Raised).ShouldBe(1);
        // Counted for this notice's alert only: the service's own jobs may raise notices of their own meanwhile.
        var alert = results[0].AlertId;
        await pipeline.WaitUntilAsync($"select count(*) from deliveries where status = 'sent' and alert_id = {alert}", n => n >= 1);
        (await pipeline.CountAsync("select count(*) from alerts where subject = 'source:test:silent:1'")).ShouldBe(1);
        (await pipeline.CountAsync($"select count(*) from audit_log where action = 'alert.raised' and entity_id = '{alert}'")).ShouldBe(1);
        (await pipeline.CountAsync($"select count(*) from deliveries where alert_id = {alert}")).ShouldBe(1);
        File.ReadAllText(pipeline.AlertsFile).ShouldContain("Source test has not polled successfully");
    }

    [Fact]
    public async Task Sweep_AlertRaisedWhileTheBrokerWasAway_PublishedAgainAndDeliveredOnce()
    {
        // The service's own sweep (each second here) finds it: a sweep run by the test as well would race it.
        await using var pipeline = await Pipeline.StartAsync(servers, SampleReplay.Write(0, "notice-sweep"), null, null, "--Polling:SweepInterval=00:00:01");
        // A notice stored two minutes ago whose AlertRaised never reached a queue: no consumer has planned it.
        await using (var insert = pipeline.Database.CreateCommand(
            """
            insert into alerts (team, labels, urgent, raised_at, kind, subject, headline, details)
            values ('comms', '{}', false, now() - interval '2 minutes', 'source_silent', 'source:lost:silent', 'Source lost went silent', '{}')
            """))
        {
            await insert.ExecuteNonQueryAsync();
        }

        const string Lost = "(select id from alerts where subject = 'source:lost:silent')";
        await pipeline.WaitUntilAsync($"select count(*) from deliveries where status = 'sent' and alert_id = {Lost}", n => n == 1);
        (await pipeline.CountAsync("select count(*) from alerts where delivery_plan is null and subject = 'source:lost:silent'")).ShouldBe(0);
        (await pipeline.CountAsync($"select count(*) from deliveries where alert_id = {Lost}")).ShouldBe(1);
    }
}
