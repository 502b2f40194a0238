using MentionWatch.Mentions;
using MentionWatch.Sources.Http;
using MentionWatch.TestData;

namespace MentionWatch.IntegrationTests.Sources;

/// <summary>
/// Every hostile mention of the shared corpus (tests/data/hostile), served by every platform's fake in that
/// platform's own shape between two ordinary posts, polled through the real adapter into PostgreSQL: the item is
/// stored (text made storable, nothing else changed) or quarantined with a readable reason, the ordinary posts on
/// the same page are stored, the poll is healthy, and the next poll goes on.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class AdapterHostileMentionTests(ServersFixture servers)
{
    /// <summary>Platform × corpus case, for every case that is a mention (the malformed lines are pages, tested in <see cref="AdapterBadInputTests"/>).</summary>
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var platform in PlatformScript.All)
        {
            foreach (var hostile in HostileCorpus.Cases.Where(c => c.Wire is not null)) data.Add(platform, hostile.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Poll_HostileMentionBetweenOrdinaryPosts_StoredOrQuarantinedWithReason_PageAndNextPollGoOn(string platform, string name)
    {
        var hostile = HostileCorpus.Get(name);
        // The production size cap: the 5 MB post must reach the store, which keeps its start and quarantines the whole,
        // rather than fail the page.
        await using var h = await AdapterHarness.StartAsync(servers, PlatformScript.For(platform), 8 * 1024 * 1024);
        var ordinary = AdapterPagingTests.Pages(h.Script, [1, 2])[0];
        var responses = h.Script.Responses(h.Fake.BaseAddress, ordinary, 1, more: false);
        responses[0] = h.Script.WithHostile(responses[0], hostile.Wire!);
        h.Fake.Enqueue(responses);

        var stored = await h.PollAsync();

        var expectStored = hostile.ExpectReplay == "stored";
        var expectQuarantined = hostile.ExpectReplay != "stored";
        stored.ShouldBe(hostile.ExpectReplay.StartsWith("stored", StringComparison.Ordinal) ? 3 : 2);
        var ordinaryIds = AdapterPagingTests.Ids(h.Script, 1, 2);
        var ids = await h.StoredIdsAsync();
        foreach (var id in ordinaryIds) ids.ShouldContain(id);
        var reasons = await h.QuarantineReasonsAsync();
        if (expectQuarantined) reasons.ShouldHaveSingleItem().ShouldContain(hostile.ExpectReason!);
        else reasons.ShouldBeEmpty();

        var health = await h.HealthAsync();
        health.LastError.ShouldBeNull();
        health.ConsecutiveFailures.ShouldBe(0);
        // A post dated in 2099 must not carry the high-water mark into the future: every later "since" would skip
        // the real posts until then. (X's mark is an id, which a date cannot move.)
        if (platform != "x" && JsonFields.ParseTime(health.Cursor.Mark) is { } mark) mark.ShouldBeLessThanOrEqualTo(h.Clock.Now);
        // X's mark is the since_id of the next search: only an id X could have issued, or every later search fails.
        if (platform == "x") health.Cursor.Mark.ShouldBe(h.Script.ExpectedMark(Post.Number(2)));

        if (expectStored) await StoredAsExpectedAsync(h, hostile, ordinaryIds);

        h.Fake.Enqueue(h.Script.Responses(h.Fake.BaseAddress, [Post.Number(3)], 1, more: false));
        (await h.PollAsync()).ShouldBe(1);
        (await h.StoredIdsAsync()).ShouldContain(h.Script.ExternalId(Post.Number(3)));
        (await h.HealthAsync()).LastError.ShouldBeNull();
    }

    // What reached the row: the text as posted (made storable), the handle with its invisible characters kept as
    // evidence for a fake-account check, and the FOI clock's start never after we first saw the post.
    private static async Task StoredAsExpectedAsync(AdapterHarness h, HostileCase hostile, List<string> ordinaryIds)
    {
        await using var command = h.Database.CreateCommand(
            "select text, author_handle, posted_at <= first_seen_at from mentions where not (external_id = any($1))");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = ordinaryIds.ToArray() });
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        var text = reader.GetString(0);
        var handle = reader.IsDBNull(1) ? null : reader.GetString(1);
        reader.GetBoolean(2).ShouldBeTrue();

        var mention = hostile.Mention!;
        if (h.Script.Platform == "rss")
        {
            // Feeds carry HTML: tags are stripped by design, and XML cannot carry control characters at all.
            text.ShouldNotContain("<script", Case.Insensitive);
            return;
        }

        text.ShouldBe(StorageText.Clean(mention.Text));
        if (h.Script.HasHandle) handle.ShouldBe(StorageText.Clean(mention.Author?.Handle));
    }
}
