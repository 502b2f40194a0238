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
        await pipeline.WaitUntilAsync("select count(*) from deliveries where status = 'sent'", n => n >= 1);
        (await pipeline.CountAsync("select count(*) from alerts where kind = 'source_silent' and mention_id is null")).ShouldBe(1);
        (await pipeline.CountAsync("select count(*) from audit_log where action = 'alert.raised'")).ShouldBe(1);
        (await pipeline.CountAsync("select count(*) from deliveries")).ShouldBe(1);
        File.ReadAllText(pipeline.AlertsFile).ShouldContain("Source test has not polled successfully");
    }
}
