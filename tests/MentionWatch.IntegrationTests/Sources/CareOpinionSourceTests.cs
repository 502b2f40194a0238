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
}
