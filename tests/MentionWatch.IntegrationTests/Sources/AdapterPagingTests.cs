namespace MentionWatch.IntegrationTests.Sources;

/// <summary>Cursor behaviour of every adapter against its fake: paging, since/after, duplicates, empty results.</summary>
[Collection(ServersCollection.Name)]
public sealed class AdapterPagingTests(ServersFixture servers)
{
    [Theory]
    [MemberData(nameof(PlatformScript.Paged), MemberType = typeof(PlatformScript))]
    public async Task Poll_ThreePages_StoresAllAndCommitsTheNewestMark(string platform)
    {
        await using var h = await AdapterHarness.StartAsync(servers, PlatformScript.For(platform));
        var pages = Pages(h.Script, [1, 2], [3, 4], [5]);
        FakeResponse[][] answers =
        [
            h.Script.Responses(h.Fake.BaseAddress, pages[0], 1, more: true),
            h.Script.Responses(h.Fake.BaseAddress, pages[1], 2, more: true),
            h.Script.Responses(h.Fake.BaseAddress, pages[2], 3, more: false),
        ];
        h.Fake.Enqueue(answers);

        (await h.PollAsync()).ShouldBe(5);

        h.Fake.Requests.Count.ShouldBe(answers.Sum(a => a.Length));
        (await h.StoredIdsAsync()).ShouldBe(Ids(h.Script, 1, 2, 3, 4, 5), ignoreOrder: true);
        var health = await h.HealthAsync();
        health.Cursor.Mark.ShouldBe(h.Script.ExpectedMark(Post.Number(5)));
        health.Cursor.Next.ShouldBeNull();
        health.LastError.ShouldBeNull();
        // The source's health counts the items of the whole poll, not of its last page.
        (await h.ScalarAsync("select items_last_poll from sources")).ShouldBe(5);
        // posted_at is the platform's time, never the poll's.
        (await h.ScalarAsync($"select extract(epoch from posted_at)::bigint from mentions where external_id = '{h.Script.ExternalId(Post.Number(5))}'"))
            .ShouldBe(Post.Number(5).At.ToUnixTimeSeconds());
    }

    [Theory]
    [MemberData(nameof(PlatformScript.Paged), MemberType = typeof(PlatformScript))]
    public async Task Poll_FailsHalfWay_KeepsTheMarkAndResumesTheNextPoll(string platform)
    {
        await using var h = await AdapterHarness.StartAsync(servers, PlatformScript.For(platform));
        var pages = Pages(h.Script, [1, 2], [3, 4], [5]);
        h.Fake.Enqueue(
            h.Script.Responses(h.Fake.BaseAddress, pages[0], 1, more: true),
            [new FakeResponse(500, "down"), new FakeResponse(500, "still down")]);

        (await h.PollAsync()).ShouldBe(pages[0].Count);

        var broken = await h.HealthAsync();
        broken.LastError.ShouldNotBeNull();
        broken.ConsecutiveFailures.ShouldBe(1);
        broken.Cursor.Mark.ShouldBeNull();   // nothing committed past what was stored
        broken.Cursor.Next.ShouldNotBeNull(); // but the run can resume
        // Secrets travel in headers, never in a stored cursor (Meta's next links carry the access token).
        broken.Cursor.Next.ShouldNotContain("access_token");
        broken.Cursor.Next.ShouldNotContain("key=");

        h.Fake.Enqueue(
            h.Script.Responses(h.Fake.BaseAddress, pages[1], 2, more: true),
            h.Script.Responses(h.Fake.BaseAddress, pages[2], 3, more: false));
        (await h.PollAsync()).ShouldBe(5 - pages[0].Count);

        (await h.StoredIdsAsync()).ShouldBe(Ids(h.Script, 1, 2, 3, 4, 5), ignoreOrder: true);
        var health = await h.HealthAsync();
        health.Cursor.Mark.ShouldBe(h.Script.ExpectedMark(Post.Number(5)));
        health.Cursor.Next.ShouldBeNull();
        health.ConsecutiveFailures.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(PlatformScript.All), MemberType = typeof(PlatformScript))]
    public async Task Poll_AfterAStoredPoll_AsksFromTheStoredMark(string platform)
    {
        await using var h = await AdapterHarness.StartAsync(servers, PlatformScript.For(platform));
        h.Fake.Enqueue(h.Script.Responses(h.Fake.BaseAddress, Pages(h.Script, [1, 2, 3])[0], 1, more: false), [h.Script.Empty()]);

        (await h.PollAsync()).ShouldBe(3);
        (await h.PollAsync()).ShouldBe(0);

        var (sent, expected) = h.Script.StartEvidence(h.Fake.Requests.Last(), Post.Number(3));
        sent.ShouldBe(expected);
        (await h.HealthAsync()).Cursor.Mark.ShouldBe(h.Script.ExpectedMark(Post.Number(3)));
    }

    [Theory]
    [MemberData(nameof(PlatformScript.All), MemberType = typeof(PlatformScript))]
    public async Task Poll_OverlappingResultsInTwoPolls_StoresEachMentionOnce(string platform)
    {
        await using var h = await AdapterHarness.StartAsync(servers, PlatformScript.For(platform));
        h.Fake.Enqueue(
            h.Script.Responses(h.Fake.BaseAddress, Pages(h.Script, [1, 2, 3])[0], 1, more: false),
            h.Script.Responses(h.Fake.BaseAddress, Pages(h.Script, [2, 3, 4, 5])[0], 1, more: false));

        (await h.PollAsync()).ShouldBe(3);
        (await h.PollAsync()).ShouldBe(2);

        (await h.StoredIdsAsync()).ShouldBe(Ids(h.Script, 1, 2, 3, 4, 5), ignoreOrder: true);
        (await h.HealthAsync()).Cursor.Mark.ShouldBe(h.Script.ExpectedMark(Post.Number(5)));
    }

    [Theory]
    [MemberData(nameof(PlatformScript.All), MemberType = typeof(PlatformScript))]
    public async Task Poll_EmptyResult_StoresNothingAndIsHealthy(string platform)
    {
        await using var h = await AdapterHarness.StartAsync(servers, PlatformScript.For(platform));
        h.Fake.Enqueue([h.Script.Empty()]);

        (await h.PollAsync()).ShouldBe(0);

        h.Fake.Requests.Count.ShouldBe(1);
        (await h.StoredIdsAsync()).ShouldBeEmpty();
        (await h.QuarantineReasonsAsync()).ShouldBeEmpty();
        var health = await h.HealthAsync();
        health.LastError.ShouldBeNull();
        health.LastSuccessAt.ShouldBe(h.Clock.Now);
        health.Cursor.Mark.ShouldBeNull();
    }

    /// <summary>Posts by number, split into pages in the platform's listing order.</summary>
    internal static List<List<Post>> Pages(PlatformScript script, params int[][] pages)
    {
        var ordered = script.NewestFirst ? pages.Reverse().Select(p => p.Reverse()) : pages;
        return ordered.Select(p => p.Select(Post.Number).ToList()).ToList();
    }

    internal static List<string> Ids(PlatformScript script, params int[] numbers) => numbers.Select(n => script.ExternalId(Post.Number(n))).ToList();
}
