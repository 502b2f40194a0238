namespace MentionWatch.IntegrationTests.Sources;

/// <summary>
/// Every adapter against its fake when a page cannot be read: the body is quarantined with the reason, the
/// source's health records it, the cursor stays put, and the next poll goes on.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class AdapterBadInputTests(ServersFixture servers)
{
    public enum Bad
    {
        Malformed,
        Truncated,
        HtmlErrorPage,
        TooLarge,
    }

    public static TheoryData<string, Bad> Cases()
    {
        var data = new TheoryData<string, Bad>();
        foreach (var platform in PlatformScript.All)
        {
            data.Add(platform, Bad.Malformed);     // not JSON/XML at all
            data.Add(platform, Bad.Truncated);     // a good page cut in half
            data.Add(platform, Bad.HtmlErrorPage); // a 200 HTML page (proxy error, login redirect)
            data.Add(platform, Bad.TooLarge);      // a valid page past the size cap: never read whole
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Poll_UnreadablePage_QuarantinedCursorKeptNextPollGoesOn(string platform, Bad bad)
    {
        await using var h = await AdapterHarness.StartAsync(servers, PlatformScript.For(platform));
        var good = h.Script.Responses(h.Fake.BaseAddress, AdapterPagingTests.Pages(h.Script, [1])[0], 1, more: false);
        h.Fake.Enqueue(good);
        (await h.PollAsync()).ShouldBe(1);
        var markBefore = (await h.HealthAsync()).Cursor.Mark;

        var full = h.Script.Responses(h.Fake.BaseAddress, AdapterPagingTests.Pages(h.Script, [1, 2, 3])[0], 1, more: false);
        var (response, reason) = bad switch
        {
            Bad.Malformed => (full[0] with { Body = h.Script.MalformedBody }, h.Script.MalformedReason),
            Bad.Truncated => (full[0] with { Body = full[0].Body[..(full[0].Body.Length / 2)] }, h.Script.MalformedReason),
            Bad.TooLarge => (full[0] with { Body = full[0].Body + new string(' ', AdapterHarness.MaxResponseBytes) }, "larger than"),
            _ => (FakeResponse.Html(), "HTML page"),
        };
        h.Fake.Enqueue(response);

        (await h.PollAsync()).ShouldBe(0);

        var reasons = await h.QuarantineReasonsAsync();
        reasons.ShouldHaveSingleItem().ShouldContain(reason);
        var health = await h.HealthAsync();
        health.LastError.ShouldNotBeNull().ShouldContain(reason);
        health.ConsecutiveFailures.ShouldBe(1);
        health.Cursor.Mark.ShouldBe(markBefore);

        h.Fake.Enqueue(full);
        (await h.PollAsync()).ShouldBe(2);
        (await h.HealthAsync()).ConsecutiveFailures.ShouldBe(0);
    }
}
