using MentionWatch.IntegrationTests.Alerts;
using MentionWatch.Spikes;
using Microsoft.Extensions.DependencyInjection;

namespace MentionWatch.IntegrationTests.Spikes;

[Collection(ServersCollection.Name)]
public sealed class SpikeJobTests(ServersFixture servers)
{
    [Fact]
    public async Task RunAsync_WaveOfComplaints_TellsCommsOnceWhenItStartsAndOnceWhenItEnds()
    {
        // Monday 23 November 2026, 10:00: twelve complaints in the hour, none before.
        var clock = new TestClock(running: true, start: new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        var file = TimingReplay.Write("spike", clock.GetUtcNow(), Enumerable.Repeat(TimingReplay.Complaint, 12).ToArray());
        await using var pipeline = await Pipeline.StartWithClockAsync(servers, file, clock, "--Alerts:Spikes:Interval=01:00:00");
        await pipeline.WaitUntilAsync("select count(*) from verdicts where 'complaint' = any(labels)", n => n == 12);

        await RunAsync(pipeline);
        (await RunAsync(pipeline)).ShouldBe(0);

        (await pipeline.CountAsync("select count(*) from spikes where ended_at is null")).ShouldBe(2);
        (await pipeline.CountAsync("select count(*) from alerts where kind = 'spike' and team = 'comms' and subject not like '%:ended'")).ShouldBe(2);
        await pipeline.WaitUntilAsync("select count(*) from deliveries d join alerts a on a.id = d.alert_id where a.kind = 'spike' and d.status = 'sent'", n => n == 2);
        var notice = TimingReplay.Sent(pipeline).Select(l => l["alert"]!)
            .Single(a => ((string)a["headline"]!).StartsWith("Spike: 12 complaint mentions in the last hour", StringComparison.Ordinal));
        var details = string.Join("\n", notice["reasons"]!.AsArray().Select(r => (string)r!));
        details.ShouldContain("Top phrases: \"");
        details.ShouldContain("(12 posts)");
        details.ShouldContain("/mentions/");

        // Two quiet hours later it is over: one more notice per spike, and only one.
        clock.Advance(TimeSpan.FromHours(2));
        await RunAsync(pipeline);
        (await RunAsync(pipeline)).ShouldBe(0);
        (await pipeline.CountAsync("select count(*) from spikes where ended_at is not null")).ShouldBe(2);
        (await pipeline.CountAsync("select count(*) from alerts where kind = 'spike' and subject like '%:ended'")).ShouldBe(2);
        (await pipeline.CountAsync("select count(*) from audit_log where action in ('spike.started', 'spike.ended')")).ShouldBe(4);
    }

    private static async Task<int> RunAsync(Pipeline pipeline)
    {
        await using var scope = pipeline.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<SpikeJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
    }
}
