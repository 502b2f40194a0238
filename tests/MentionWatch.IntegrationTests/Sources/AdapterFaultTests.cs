namespace MentionWatch.IntegrationTests.Sources;

/// <summary>Every adapter against its fake when the platform throttles, fails or hangs.</summary>
[Collection(ServersCollection.Name)]
public sealed class AdapterFaultTests(ServersFixture servers)
{
    [Theory]
    [MemberData(nameof(PlatformScript.All), MemberType = typeof(PlatformScript))]
    public async Task Poll_Throttled_BacksOffUntilTheResetThenSucceeds(string platform)
    {
        await using var h = await AdapterHarness.StartAsync(servers, PlatformScript.For(platform));
        var (throttle, until) = h.Script.Throttle(h.Clock.Now);
        h.Fake.Enqueue(throttle);

        (await h.PollAsync()).ShouldBe(0);

        var health = await h.HealthAsync();
        health.BackoffUntil.ShouldBe(until);
        health.LastError.ShouldNotBeNull().ShouldStartWith("throttled");
        h.Fake.Requests.Count.ShouldBe(1); // not retried: calling a throttled platform extends the block

        // Before the reset the source does not call at all.
        h.Clock.Now = until.AddSeconds(-1);
        (await h.PollAsync()).ShouldBe(0);
        h.Fake.Requests.Count.ShouldBe(1);

        h.Clock.Now = until.AddSeconds(1);
        h.Fake.Enqueue(h.Script.Responses(h.Fake.BaseAddress, AdapterPagingTests.Pages(h.Script, [1, 2])[0], 1, more: false));
        (await h.PollAsync()).ShouldBe(2);
        (await h.HealthAsync()).BackoffUntil.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(PlatformScript.All), MemberType = typeof(PlatformScript))]
    public async Task Poll_ServerErrorThenSuccess_RetriedWithinThePoll(string platform)
    {
        await using var h = await AdapterHarness.StartAsync(servers, PlatformScript.For(platform));
        var page = h.Script.Responses(h.Fake.BaseAddress, AdapterPagingTests.Pages(h.Script, [1, 2])[0], 1, more: false);
        h.Fake.Enqueue([new FakeResponse(500, "oops", "text/plain")], page);

        (await h.PollAsync()).ShouldBe(2);

        h.Fake.Requests.Count.ShouldBe(1 + page.Length);
        (await h.HealthAsync()).ConsecutiveFailures.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(PlatformScript.All), MemberType = typeof(PlatformScript))]
    public async Task Poll_FirstAttemptTimesOut_RetriedWithinThePoll(string platform)
    {
        await using var h = await AdapterHarness.StartAsync(servers, PlatformScript.For(platform));
        var page = h.Script.Responses(h.Fake.BaseAddress, AdapterPagingTests.Pages(h.Script, [1, 2])[0], 1, more: false);
        h.Fake.Enqueue([FakeResponse.Hanging()], page);

        (await h.PollAsync()).ShouldBe(2);

        h.Fake.Requests.Count.ShouldBe(1 + page.Length);
        (await h.StoredIdsAsync()).ShouldBe(AdapterPagingTests.Ids(h.Script, 1, 2), ignoreOrder: true);
    }
}
