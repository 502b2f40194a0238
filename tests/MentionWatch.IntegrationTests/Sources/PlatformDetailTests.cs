using MentionWatch.Sources;

namespace MentionWatch.IntegrationTests.Sources;

/// <summary>Platform details the scenario table does not cover, each against its fake.</summary>
[Collection(ServersCollection.Name)]
public sealed class PlatformDetailTests(ServersFixture servers)
{
    [Fact]
    public async Task Feed_GoogleAlertsAtom_IdIsEntryIdAndLinkIsUnwrapped()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new FeedScript());
        h.Fake.Enqueue(new FakeResponse(200, """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:idx="urn:atom-extension:indexing">
              <id>tag:google.com,2005:reader/user/00000000000000000000/state/com.google/alerts/1234567890</id>
              <title>Google Alert - "Northshire Hospitals"</title>
              <entry>
                <id>tag:google.com,2013:googlealerts/feed:10795837462928374651</id>
                <title type="html">&lt;b&gt;Northshire Hospitals&lt;/b&gt; A&amp;amp;E waits reach new high</title>
                <link href="https://www.google.com/url?rct=j&amp;sa=t&amp;url=https://www.northshire-echo.example/news/ae-waits&amp;ct=ga&amp;cd=CAIyGg" />
                <published>2024-10-29T07:41:10Z</published>
                <updated>2024-10-29T07:41:10Z</updated>
                <content type="html">Patients at &lt;b&gt;Northshire&lt;/b&gt; General waited up to 12 hours ...</content>
              </entry>
              <entry>
                <id>tag:google.com,2013:googlealerts/feed:undated</id>
                <title>No date on this one</title>
              </entry>
            </feed>
            """, "application/atom+xml"));

        (await h.PollAsync()).ShouldBe(2);

        (await h.StoredIdsAsync()).ShouldBe(["tag:google.com,2013:googlealerts/feed:10795837462928374651", "tag:google.com,2013:googlealerts/feed:undated"]);
        (await h.ScalarAsync("select count(*) from mentions where url = 'https://www.northshire-echo.example/news/ae-waits'")).ShouldBe(1);
        (await h.ScalarAsync("select count(*) from mentions where text like 'Northshire Hospitals A&E waits reach new high%'")).ShouldBe(1);
        // Undated: stored with the time it was first seen (feeds.md), never quarantined unseen.
        (await h.QuarantineReasonsAsync()).ShouldBeEmpty();
        (await h.ScalarAsync($"select count(*) from mentions where external_id like '%undated' and posted_at = '{h.Clock.Now:O}'")).ShouldBe(1);
    }

    [Fact]
    public async Task Reddit_PageReachesWhatTheLastPollRead_StopsPagingEvenWithAnAfter()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new RedditScript());
        // Posts 121 and 122 are after the clock's default noon; a mark is never later than now.
        h.Clock.Now = Post.Number(180).At;
        h.Fake.Enqueue(h.Script.Page(h.Fake.BaseAddress, [Post.Number(120)], 1, more: false));
        (await h.PollAsync()).ShouldBe(1);

        // Post 20 is 100 minutes older than the mark (post 120): past the 10-minute overlap, so the listing's
        // older pages were read before and are not fetched, although the page has an 'after'.
        h.Fake.Enqueue(h.Script.Page(h.Fake.BaseAddress, [Post.Number(122), Post.Number(121), Post.Number(20)], 1, more: true));
        (await h.PollAsync()).ShouldBe(3);

        h.Fake.Requests.Count.ShouldBe(2);
        (await h.HealthAsync()).Cursor.Mark.ShouldBe(h.Script.ExpectedMark(Post.Number(122)));
    }

    [Fact]
    public async Task X_RepliesAndAuthors_MappedFromExpansions()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new XScript());
        h.Fake.Enqueue(new FakeResponse(200, """
            {"data":[{"id":"1851234567890123456","text":"@NorthshireNHS how do I make a complaint?","author_id":"987654321",
              "created_at":"2024-10-29T08:15:00.000Z","lang":"en","conversation_id":"1851000000000000000",
              "referenced_tweets":[{"type":"replied_to","id":"1851000000000000000"}],"edit_history_tweet_ids":["1851234567890123456"],
              "some_future_field":{"x":1}}],
             "includes":{"users":[{"id":"987654321","name":"Sam Patel","username":"sampatel_north","verified":true,
              "created_at":"2013-12-14T04:35:55.000Z","description":"Dad of two."}]},
             "meta":{"newest_id":"1851234567890123456","oldest_id":"1851234567890123456","result_count":1}}
            """));

        (await h.PollAsync()).ShouldBe(1);

        (await h.ScalarAsync("""
            select count(*) from mentions where in_reply_to = '1851000000000000000' and author_handle = 'sampatel_north'
              and author_display_name = 'Sam Patel' and author_verified and author_description = 'Dad of two.'
              and author_created_at = '2013-12-14T04:35:55Z' and lang = 'en'
              and url = 'https://x.com/sampatel_north/status/1851234567890123456'
              and posted_at = '2024-10-29T08:15:00Z' and raw_payload -> 'data' ->> 'some_future_field' is not null
            """)).ShouldBe(1);
        var request = h.Fake.Requests.Single();
        request.Header("Authorization").ShouldBe("Bearer test-bearer");
        request.Param("expansions").ShouldBe("author_id");
    }

    [Fact]
    public async Task X_Retweet_StoredWithTheIdOfThePostItShares()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new XScript());
        // X cuts a retweet's text; referenced_tweets names the post it shares, which groups it with that post's story.
        h.Fake.Enqueue(new FakeResponse(200, """
            {"data":[{"id":"1851234567890123999","text":"RT @kate_b: Waited nine hours in A&E at Northshire with my dad last night and nobo…",
              "author_id":"987654321","created_at":"2024-10-29T08:15:00.000Z","lang":"en",
              "referenced_tweets":[{"type":"retweeted","id":"1851000000000000042"}],"edit_history_tweet_ids":["1851234567890123999"]}],
             "includes":{"users":[{"id":"987654321","name":"Sam Patel","username":"sampatel_north"}]},
             "meta":{"newest_id":"1851234567890123999","oldest_id":"1851234567890123999","result_count":1}}
            """));

        (await h.PollAsync()).ShouldBe(1);

        (await h.ScalarAsync("select count(*) from mentions where shared_external_id = '1851000000000000042' and in_reply_to is null")).ShouldBe(1);
    }

    [Fact]
    public async Task Reddit_Crosspost_StoredWithTheIdOfThePostItCrosspostsAndThatPostsWords()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new RedditScript());
        // A crosspost has a title of its own and an empty body; Reddit names the post it shares and gives it whole.
        h.Fake.Enqueue(new FakeResponse(200, """
            {"kind":"Listing","data":{"after":null,"dist":1,"before":null,"children":[{"kind":"t3","data":{
              "id":"1gf9xyz","name":"t3_1gf9xyz","title":"Anyone else had this at Northshire General?","selftext":"","author":"another_local",
              "created_utc":1730200000.0,"permalink":"/r/unitedkingdom/comments/1gf9xyz/anyone_else/","num_crossposts":0,
              "crosspost_parent":"t3_1gf0abc",
              "crosspost_parent_list":[{"id":"1gf0abc","name":"t3_1gf0abc","title":"7 hour wait at Northshire General A&E",
                "selftext":"Went to Northshire General A&E last night with my dad, waited 7 hours to be seen.","author":"northshire_local_88",
                "created_utc":1730190345.0,"subreddit":"northshire"}]}}]}}
            """));

        (await h.PollAsync()).ShouldBe(1);

        (await h.ScalarAsync("select count(*) from mentions where shared_external_id = 't3_1gf0abc' and text like 'Anyone else had this at Northshire General?%waited 7 hours to be seen.'")).ShouldBe(1);
    }

    [Fact]
    public async Task Facebook_SharedPost_StoredWithTheIdOfItsParentPost()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new FacebookScript());
        // A share tagging the Page names the post it shares (parent_id): it joins that post's story, it is not a reply.
        h.Fake.Enqueue(new FakeResponse(200, """
            {"data":[{"id":"7001234567890123_998877665544","message":"Everyone should read this","created_time":"2024-10-29T08:15:00+0000",
              "permalink_url":"https://www.facebook.com/7001234567890123/posts/998877665544","status_type":"shared_story",
              "parent_id":"104857600123456_112233445566","from":{"name":"Alex Morgan","id":"7001234567890123"}}]}
            """));

        (await h.PollAsync()).ShouldBe(1);

        (await h.ScalarAsync("select count(*) from mentions where shared_external_id = '104857600123456_112233445566' and in_reply_to is null")).ShouldBe(1);
    }

    [Fact]
    public async Task X_SinceIdOlderThanSevenDays_RestartsFromTheWindowStart()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new XScript());
        h.Fake.Enqueue(h.Script.Page(h.Fake.BaseAddress, [Post.Number(1)], 1, more: false));
        (await h.PollAsync()).ShouldBe(1);

        // After a long outage X refuses the stored since_id; the adapter asks again from start_time.
        h.Fake.Enqueue(
            new FakeResponse(400, """{"errors":[{"parameters":{"since_id":["1851000000000000001"]},"message":"Invalid 'since_id': must be within the last 7 days"}],"title":"Invalid Request","type":"https://api.twitter.com/2/problems/invalid-request"}"""),
            h.Script.Page(h.Fake.BaseAddress, [Post.Number(3), Post.Number(2)], 1, more: false));
        (await h.PollAsync()).ShouldBe(2);

        var retry = h.Fake.Requests.Last();
        retry.Param("since_id").ShouldBeNull();
        retry.Param("start_time").ShouldBe((h.Clock.Now - TimeSpan.FromDays(7) + TimeSpan.FromMinutes(5)).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        (await h.HealthAsync()).Cursor.Mark.ShouldBe(h.Script.ExternalId(Post.Number(3)));
    }

    [Fact]
    public async Task Facebook_UsageHeaderNearTheLimit_StoresThePageThenPausesAndResumes()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new FacebookScript());
        var near = h.Script.Page(h.Fake.BaseAddress, [Post.Number(5), Post.Number(4)], 1, more: true) with
        {
            Headers = new Dictionary<string, string> { ["x-app-usage"] = """{"call_count":97,"total_time":30,"total_cputime":30}""" },
        };
        h.Fake.Enqueue(near);

        (await h.PollAsync()).ShouldBe(2);
        h.Fake.Requests.Count.ShouldBe(1); // page 2 is not asked for at 97%
        // The app's limit is shared: every Meta source on the app pauses too, after a restart as well.
        (await h.ScalarAsync("select count(*) from throttle_scopes where scope = 'meta-app:default'")).ShouldBe(1);

        // The next trigger turns the pause into the source's backoff without calling Meta.
        (await h.PollAsync()).ShouldBe(0);
        h.Fake.Requests.Count.ShouldBe(1);
        var paused = await h.HealthAsync();
        paused.BackoffUntil.ShouldBe(h.Clock.Now.AddMinutes(15));
        paused.LastError.ShouldNotBeNull().ShouldContain("97%");

        h.Clock.Now = h.Clock.Now.AddMinutes(16);
        h.Fake.Enqueue(h.Script.Page(h.Fake.BaseAddress, [Post.Number(3)], 2, more: false));
        (await h.PollAsync()).ShouldBe(1);
        h.Fake.Requests.Last().Param("after").ShouldBe("QVFI2"); // resumed where it paused
        (await h.HealthAsync()).Cursor.Mark.ShouldBe(h.Script.ExpectedMark(Post.Number(5)));
    }

    [Fact]
    public async Task CareOpinion_StringInsteadOfAStory_QuarantinedAndTheRestStored()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new CareOpinionScript());
        h.Fake.Enqueue(new FakeResponse(200, """
            [{"id": 1234601, "title": "Thank you", "body": "Brilliant midwives at Northshire General.", "dateOfSubmission": "2024-10-28T21:14:00Z"},
             "Sorry! Something went wrong."]
            """), new FakeResponse(200, "[]")); // two elements fill a page of Take=2: the adapter asks once more

        (await h.PollAsync()).ShouldBe(1);

        (await h.StoredIdsAsync()).ShouldBe(["1234601"]);
        (await h.QuarantineReasonsAsync()).ShouldHaveSingleItem().ShouldContain("not a story");
        var request = h.Fake.Requests.First();
        request.Header("Authorization").ShouldBe("SUBSCRIPTION_KEY test-key");
        request.Param("dateofpublicationorder").ShouldBe("ascending");
    }

    [Fact]
    public async Task YouTube_CommentThreads_ReplyToTheVideoAndStopAtTheWindow()
    {
        var script = new YouTubeScript();
        await using var h = await AdapterHarness.StartAsync(servers, script);
        h.Source.Settings["Mode"] = "comments";
        h.Source.Settings["ChannelId"] = "UCNorthshireHospitals0001";
        h.Fake.Enqueue(Threads(null, ("UgyNew1", "2026-11-23T09:00:00Z")));
        (await h.PollAsync()).ShouldBe(1);

        // Newest first: the second thread is older than the mark less the 3-hour overlap, so paging stops there.
        h.Fake.Enqueue(Threads("QURTSl", ("UgyNew2", "2026-11-23T11:00:00Z"), ("UgyOld", "2026-11-22T09:00:00Z")));
        (await h.PollAsync()).ShouldBe(2);

        h.Fake.Requests.Count.ShouldBe(2);
        h.Fake.Requests.Last().Param("allThreadsRelatedToChannelId").ShouldBe("UCNorthshireHospitals0001");
        (await h.ScalarAsync("select count(*) from mentions where in_reply_to = 'JE8xdDp5B8Q' and author_display_name = 'Chris Wood'")).ShouldBe(3);
    }

    private static FakeResponse Threads(string? nextPageToken, params (string Id, string PublishedAt)[] threads) => new(200, System.Text.Json.JsonSerializer.Serialize(new
    {
        kind = "youtube#commentThreadListResponse",
        nextPageToken,
        items = threads.Select(t => new
        {
            kind = "youtube#commentThread",
            id = t.Id,
            snippet = new
            {
                channelId = "UCNorthshireHospitals0001",
                videoId = "JE8xdDp5B8Q",
                topLevelComment = new
                {
                    id = t.Id,
                    snippet = new
                    {
                        authorDisplayName = "Chris Wood", authorChannelId = new { value = "UCNvMBmCASzTNNX8lW3JRMbw" }, videoId = "JE8xdDp5B8Q",
                        textOriginal = "The parking at Northshire General is still impossible.", publishedAt = t.PublishedAt,
                    },
                },
            },
        }),
    }));

    [Fact]
    public async Task Facebook_CommentsEdge_ReadsCommentsOnlyOnPostsUpdatedSinceTheMark()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new FacebookScript());
        h.Source.Settings["Edge"] = "comments";
        var now = h.Clock.Now;
        string Time(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:ss+0000", System.Globalization.CultureInfo.InvariantCulture);
        // A week-old post with a comment this morning, and a post nobody has touched for a week.
        h.Fake.Enqueue(
            new FakeResponse(200, $$"""
                {"data":[{"id":"104857600123456_111","created_time":"{{Time(now.AddDays(-7))}}","updated_time":"{{Time(now.AddHours(-2))}}"},
                         {"id":"104857600123456_222","created_time":"{{Time(now.AddDays(-8))}}","updated_time":"{{Time(now.AddDays(-7))}}"}]}
                """),
            new FakeResponse(200, $$$"""
                {"data":[{"id":"111_9001","message":"Still waiting for a reply about my mum's care","created_time":"{{{Time(now.AddHours(-2))}}}","from":{"name":"Alex Morgan","id":"7001"}},
                         {"id":"111_9002","message":"Same here","created_time":"{{{Time(now.AddHours(-3))}}}","parent":{"id":"111_9001"}}]}
                """));

        (await h.PollAsync()).ShouldBe(2);

        h.Fake.Requests.Count.ShouldBe(2);
        h.Fake.Requests.Last().Path.ShouldEndWith("104857600123456_111/comments");
        h.Fake.Requests.Last().Param("filter").ShouldBe("stream");
        (await h.ScalarAsync("select count(*) from mentions where external_id = '111_9001' and in_reply_to = '104857600123456_111'")).ShouldBe(1);
        (await h.ScalarAsync("select count(*) from mentions where external_id = '111_9002' and in_reply_to = '111_9001'")).ShouldBe(1);
        (await h.HealthAsync()).Cursor.Mark.ShouldBe(PollCursor.TimeMark(now.AddHours(-2)));

        // Three hours on, nothing new: the newest-updated post is inside the overlap and read again (its comments are
        // stored already, so nothing doubles); the untouched post is still never read.
        h.Clock.Now = now.AddHours(3);
        h.Fake.Enqueue(
            new FakeResponse(200, $$"""
                {"data":[{"id":"104857600123456_111","created_time":"{{Time(now.AddDays(-7))}}","updated_time":"{{Time(now.AddHours(-2))}}"},
                         {"id":"104857600123456_222","created_time":"{{Time(now.AddDays(-8))}}","updated_time":"{{Time(now.AddDays(-7))}}"}]}
                """),
            new FakeResponse(200, $$$"""
                {"data":[{"id":"111_9001","message":"Still waiting for a reply about my mum's care","created_time":"{{{Time(now.AddHours(-2))}}}"}]}
                """));
        (await h.PollAsync()).ShouldBe(0);
        h.Fake.Requests.Count.ShouldBe(4);
        h.Fake.Requests.ShouldNotContain(r => r.Path.Contains("_222", StringComparison.Ordinal));
    }
}
