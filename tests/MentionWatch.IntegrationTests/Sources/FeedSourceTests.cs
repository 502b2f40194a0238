using MentionWatch.Sources;
using MentionWatch.Sources.Feeds;
using MentionWatch.Sources.Http;

namespace MentionWatch.IntegrationTests.Sources;

/// <summary>Feeds as the specifications allow them (shared/platform-apis/feeds.md), against the feed fake.</summary>
[Collection(ServersCollection.Name)]
public sealed class FeedSourceTests(ServersFixture servers)
{
    [Fact]
    public async Task Poll_RssItemsWithoutPubDateOrGuid_StoredOnceWithTheTimeFirstSeen()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new FeedScript());
        // RSS 2.0: "All elements of an item are optional". One item has a guid and no date, one neither guid, link nor date.
        var feed = FeedScript.Rss("",
            """<item><title>Northshire General opens new urgent treatment centre</title><guid isPermaLink="false">ngz-0413</guid></item>""",
            """<item><description>Letters sent to the wrong addresses, says Northshire Hospitals</description></item>""");
        var firstSeen = h.Clock.Now;
        h.Fake.Enqueue(feed, feed);

        (await h.PollAsync()).ShouldBe(2);
        h.Clock.Advance(TimeSpan.FromMinutes(20));
        (await h.PollAsync()).ShouldBe(0); // the same two items: the same ids, stored once

        (await h.QuarantineReasonsAsync()).ShouldBeEmpty();
        (await h.ScalarAsync("select count(*) from mentions")).ShouldBe(2);
        (await h.ScalarAsync($"select count(*) from mentions where posted_at = '{firstSeen:O}'")).ShouldBe(2);
        (await h.ScalarAsync($"select count(*) from mentions where raw_payload ->> 'posted_at' = '{FeedSource.UndatedNote}'")).ShouldBe(2);
        (await h.StoredIdsAsync()).ShouldContain($"{h.Fake.BaseAddress}feed.xml#ngz-0413");
        // An undated item says nothing about the feed's own time: no mark from it.
        (await h.HealthAsync()).Cursor.Mark.ShouldBeNull();
    }

    [Fact]
    public async Task Poll_AtomTextConstructs_ReadAsTheirTypeSays()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new FeedScript());
        h.Fake.Enqueue(FeedScript.AtomFeed(
            // type="text" (the default) is plain text: "<4" and ">12" are not tags, "&amp;" is decoded once.
            """
            <entry><id>urn:nhw:text</id><updated>2026-11-23T10:01:00Z</updated><title type="text">A&amp;amp;E waits &amp; beds</title>
            <content type="text">A&amp;E: &lt;4 hours for 58% … &gt;12 hours for 9%</content></entry>
            """,
            // type="html": entity-escaped HTML, tags stripped (inline ones leaving no space), entities decoded.
            """
            <entry><id>urn:nhw:html</id><updated>2026-11-23T10:02:00Z</updated><title type="html">Seen in &lt;b&gt;March&lt;/b&gt;.</title>
            <summary type="html">&lt;p&gt;Beds &lt;em&gt;closed&lt;/em&gt;, says &lt;a href="https://x.example/"&gt;the trust&lt;/a&gt;.&lt;/p&gt;&lt;p&gt;A&amp;amp;E open&lt;/p&gt;</summary></entry>
            """,
            // type="xhtml": markup inside a div.
            """
            <entry><id>urn:nhw:xhtml</id><updated>2026-11-23T10:03:00Z</updated><title>Ward news</title>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Ward 4 <strong>reopens</strong>.</p><p>A &amp; E &lt;busy&gt;</p></div></content></entry>
            """));

        (await h.PollAsync()).ShouldBe(3);

        (await TextAsync(h, "urn:nhw:text")).ShouldBe("A&amp;E waits & beds\n\nA&E: <4 hours for 58% … >12 hours for 9%");
        (await TextAsync(h, "urn:nhw:html")).ShouldBe("Seen in March.\n\nBeds closed, says the trust. A&E open");
        (await TextAsync(h, "urn:nhw:xhtml")).ShouldBe("Ward news\n\nWard 4 reopens. A & E <busy>");
    }

    [Fact]
    public async Task Poll_RssDescriptionWithInlineTags_NoStraySpaceBeforePunctuation()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new FeedScript());
        h.Fake.Enqueue(FeedScript.Rss("", """
            <item><title>Clinic &lt;i&gt;moves&lt;/i&gt;</title><guid>https://news.example.org/health/clinic</guid><pubDate>Mon, 23 Nov 2026 09:00:00 GMT</pubDate>
            <description>&lt;p&gt;The clinic moves in &lt;a href="https://news.example.org/march"&gt;March&lt;/a&gt;.&lt;br/&gt;Parking is &lt;b&gt;free&lt;/b&gt;, the trust says.&lt;/p&gt;</description></item>
            """));

        (await h.PollAsync()).ShouldBe(1);

        (await TextAsync(h, "https://news.example.org/health/clinic")).ShouldBe("Clinic moves\n\nThe clinic moves in March. Parking is free, the trust says.");
    }

    [Theory]
    // The case: ISO-8859-1 declared in the prolog, no charset in the HTTP header.
    [InlineData("ISO-8859-1", "application/rss+xml")]
    // windows-1252 (curly quotes and the euro sign sit in bytes ISO-8859-1 leaves to control characters).
    [InlineData("windows-1252", "text/xml")]
    public async Task Poll_FeedInTheEncodingItsPrologDeclares_TextStoredIntact(string encoding, string contentType)
    {
        await using var h = await AdapterHarness.StartAsync(servers, new FeedScript());
        var title = encoding == "windows-1252" ? "“Café” parking: £4 or €5 an hour" : "Café parking: £4 an hour";
        var xml = $"""
            <?xml version="1.0" encoding="{encoding}"?>
            <rss version="2.0"><channel><title>Northshire News</title><link>https://news.example.org/</link><description>Health</description>
            <item><title>{title}</title><guid>https://news.example.org/health/cafe</guid><pubDate>Mon, 23 Nov 2026 09:00:00 GMT</pubDate>
            <description>Patients at Northshire Général say the price is too high.</description></item></channel></rss>
            """;
        h.Fake.Enqueue(new FakeResponse(200, "", contentType) { Bytes = Charsets.Find(encoding)!.GetBytes(xml) });

        (await h.PollAsync()).ShouldBe(1);

        (await h.QuarantineReasonsAsync()).ShouldBeEmpty();
        (await TextAsync(h, "https://news.example.org/health/cafe")).ShouldBe($"{title}\n\nPatients at Northshire Général say the price is too high.");
    }

    [Fact]
    public async Task Poll_FeedWithTtl_NotFetchedAgainBeforeItRunsOut()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new FeedScript());
        var item = """<item><title>Ward 4 reopens</title><guid>https://news.example.org/health/ward4</guid><pubDate>Mon, 23 Nov 2026 09:00:00 GMT</pubDate></item>""";
        // <ttl>: "number of minutes that indicates how long a channel can be cached before refreshing from the source".
        var feed = FeedScript.Rss("<ttl>60</ttl>", item) with { Headers = new Dictionary<string, string> { ["ETag"] = "\"v1\"" } };
        var start = h.Clock.Now;
        h.Fake.Enqueue(feed, new FakeResponse(304, ""));

        (await h.PollAsync()).ShouldBe(1);
        (await h.HealthAsync()).Cursor.NotBefore.ShouldBe(start.AddMinutes(60));

        // The next trigger, 15 minutes on (the default interval): the feed is not asked.
        h.Clock.Now = start.AddMinutes(15);
        (await h.PollAsync()).ShouldBe(0);
        h.Fake.Requests.Count.ShouldBe(1);
        (await h.HealthAsync()).LastError.ShouldBeNull();

        // Once it runs out, it is asked again; a 304 starts the same ttl again.
        h.Clock.Now = start.AddMinutes(61);
        (await h.PollAsync()).ShouldBe(0);
        h.Fake.Requests.Count.ShouldBe(2);
        h.Fake.Requests.Last().Header("If-None-Match").ShouldBe("\"v1\"");
        (await h.HealthAsync()).Cursor.NotBefore.ShouldBe(start.AddMinutes(121));
        h.Clock.Now = start.AddMinutes(90);
        (await h.PollAsync()).ShouldBe(0);
        h.Fake.Requests.Count.ShouldBe(2);
    }

    [Theory]
    // Retry-After in seconds, as the site sent it.
    [InlineData(503, "120", 120)]
    // A 429 with no Retry-After: the default wait (15 minutes).
    [InlineData(429, null, 900)]
    public async Task Poll_SiteAsksToWait_EveryFeedOnThatSiteWaits(int status, string? retryAfter, int waitSeconds)
    {
        await using var h = await AdapterHarness.StartAsync(servers, new FeedScript());
        var second = new SourceSettings { Id = "rss-news-politics", Platform = "rss" };
        second.Settings["Url"] = new Uri(h.Fake.BaseAddress, "politics.xml").ToString();
        var until = h.Clock.Now.AddSeconds(waitSeconds);
        var busy = new FakeResponse(status, "busy", "text/plain")
        {
            Headers = retryAfter is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Retry-After"] = retryAfter },
        };
        h.Fake.Enqueue(busy);

        (await h.PollAsync()).ShouldBe(0);
        (await h.HealthAsync()).BackoffUntil.ShouldBe(until);

        // Another feed on the same site, 1.2 s into the wait: it waits too, without asking.
        h.Clock.Advance(TimeSpan.FromSeconds(1.2));
        (await h.PollAsync(second)).ShouldBe(0);
        h.Fake.Requests.Count.ShouldBe(1);
        var waiting = await h.HealthAsync(second.Id);
        waiting.BackoffUntil.ShouldBe(until);
        waiting.LastError.ShouldNotBeNull().ShouldStartWith("throttled");

        h.Clock.Now = until.AddSeconds(1);
        h.Fake.Enqueue(FeedScript.Rss("", """<item><title>Budget vote</title><guid>https://news.example.org/politics/1</guid><pubDate>Mon, 23 Nov 2026 09:00:00 GMT</pubDate></item>"""));
        (await h.PollAsync(second)).ShouldBe(1);
        h.Fake.Requests.Last().Path.ShouldBe("/politics.xml");
    }

    private static async Task<string> TextAsync(AdapterHarness h, string externalId)
    {
        await using var command = h.Database.CreateCommand("select text from mentions where external_id = @id");
        command.Parameters.AddWithValue("id", externalId);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
