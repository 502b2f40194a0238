using MentionWatch.Sources;
using MentionWatch.Sources.Http;

namespace MentionWatch.IntegrationTests.Sources;

/// <summary>Care Opinion against a fake that pages, filters and rate-limits as the API is documented to (<see cref="CareOpinionPlatform"/>).</summary>
[Collection(ServersCollection.Name)]
public sealed class CareOpinionSourceTests(ServersFixture servers)
{
    [Fact]
    public async Task Poll_TenPages_NeverMoreThanFiveRequestsASecond()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new CareOpinionScript());
        h.Source.Settings["Take"] = "10";
        var platform = new CareOpinionPlatform();
        platform.Add(1_234_501, 95, Post.Origin);
        h.Fake.Responder = platform.Respond;

        (await h.PollAsync()).ShouldBe(95);

        platform.Refused.ShouldBe(0);
        // The fake's clock is the test's: the times are the limiter's schedule, whatever the machine's speed.
        var times = h.Fake.Requests.Select(r => r.At!.Value).ToList();
        times.Count.ShouldBe(10);
        for (var i = 1; i < times.Count; i++) (times[i] - times[i - 1]).ShouldBeGreaterThanOrEqualTo(HostPoliteness.Spacing(5));
        foreach (var time in times) times.Count(t => t > time - TimeSpan.FromSeconds(1) && t <= time).ShouldBeLessThanOrEqualTo(5);
        (await h.HealthAsync()).LastError.ShouldBeNull();
    }

    [Fact]
    public async Task Poll_Stories_LinkedOnTheConfiguredSite()
    {
        // Care Opinion runs sites in the UK, Australia and Ireland: a story's page is on the one BaseAddress names.
        await using var h = await AdapterHarness.StartAsync(servers, new CareOpinionScript());
        var platform = new CareOpinionPlatform();
        platform.Add(1_234_501, 1, Post.Origin);
        h.Fake.Responder = platform.Respond;

        (await h.PollAsync()).ShouldBe(1);

        (await h.ScalarAsync($"select count(*) from mentions where url = '{h.Fake.BaseAddress}1234501'")).ShouldBe(1);
    }

    [Fact]
    public async Task Poll_HistoryLongerThanOnePollReads_ResumedHoweverOldUntilEveryStoryAndTheNewOnesAreStored()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new CareOpinionScript());
        h.Source.Settings["Take"] = "100";
        var platform = new CareOpinionPlatform();
        platform.Add(1_000_001, 2_500, Post.Origin.AddDays(-3));
        h.Fake.Responder = platform.Respond;

        // One poll reads 20 pages (Polling:MaxPagesPerPoll): 2,000 stories, the run left open at offset 2,000.
        (await h.PollAsync()).ShouldBe(2_000);
        var open = await h.HealthAsync();
        open.Cursor.Next.ShouldBe("2000");
        open.Cursor.Mark.ShouldBeNull();

        // Two hours on (longer than any page token of another platform is kept), with three new stories published.
        h.Clock.Advance(TimeSpan.FromHours(2));
        var added = h.Clock.Now;
        platform.Add(1_100_001, 3, added.AddHours(-2));
        (await h.PollAsync()).ShouldBe(503);
        h.Fake.Requests.Last().Param("skip").ShouldBe("2500");
        var done = await h.HealthAsync();
        done.Cursor.Next.ShouldBeNull();
        var newest = added.AddHours(-1).AddMinutes(2); // the third new story's publication, sent to the second
        done.Cursor.Mark.ShouldBe(PollCursor.TimeMark(newest.AddTicks(-(newest.Ticks % TimeSpan.TicksPerSecond))));

        // And what is published next is asked for from the mark.
        h.Clock.Advance(TimeSpan.FromMinutes(15));
        platform.Add(1_100_004, 2, h.Clock.Now.AddHours(-1).AddMinutes(-5));
        (await h.PollAsync()).ShouldBe(2);

        (await h.ScalarAsync("select count(*) from mentions")).ShouldBe(2_505);
        (await h.ScalarAsync("select count(distinct external_id) from mentions")).ShouldBe(2_505);
        platform.Refused.ShouldBe(0);
        (await h.HealthAsync()).LastError.ShouldBeNull();
    }
}
