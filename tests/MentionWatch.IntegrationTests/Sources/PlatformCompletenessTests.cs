using MentionWatch.Cli;
using MentionWatch.Foi;
using MentionWatch.Hosting;
using MentionWatch.Messaging;
using MentionWatch.Polling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MentionWatch.Sources;

namespace MentionWatch.IntegrationTests.Sources;

/// <summary>
/// Issue 23: Facebook, Instagram and YouTube read everything the platforms publish, checked against fakes computed from
/// Meta's and Google's reference pages (<see cref="MetaPlatform"/>, <see cref="YouTubePlatform"/>), polled as the
/// scheduler polls. One test per way the adapters used to lose posts or text.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class PlatformCompletenessTests(ServersFixture servers)
{
    private static readonly DateTimeOffset Origin = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Instagram_TagsEdgeWithCursorsAndNoNext_EveryPageReadUpToMaxPages()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new InstagramScript());
        h.Source.Settings.Remove("MaxPages");
        var meta = new MetaPlatform(h.Fake.BaseAddress);
        meta.Tagged.AddRange(Enumerable.Range(1, 79).Reverse().Select(n => Media(n, $"Tagged post {n} at Northshire General")));
        h.Fake.Responder = meta.Respond;

        (await h.PollAsync()).ShouldBe(79);

        var requests = h.Fake.Requests.ToList();
        requests.Select(r => r.Param("after")).ShouldBe([null, "QVFI1049", "QVFI1078"]); // built from cursors.after; the third finds nothing
        requests.ShouldAllBe(r => r.Path == $"/{MetaPlatform.UserId}/tags" && r.Param("fields")!.Contains("caption"));
        (await h.HealthAsync()).Cursor.Next.ShouldBeNull();

        // MaxPages bounds a poll on this edge too.
        await using var capped = await AdapterHarness.StartAsync(servers, new InstagramScript());
        capped.Source.Settings["MaxPages"] = "1";
        var more = new MetaPlatform(capped.Fake.BaseAddress);
        more.Tagged.AddRange(Enumerable.Range(1, 79).Reverse().Select(n => Media(n, $"Tagged post {n}")));
        capped.Fake.Responder = more.Respond;
        (await capped.PollAsync()).ShouldBe(50);
        capped.Fake.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Facebook_BusyTaggedPostWithCommentsPastTheFirstPage_EveryCommentStoredOnce()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new FacebookScript());
        var meta = new MetaPlatform(h.Fake.BaseAddress);
        var postId = $"{MetaPlatform.PageId}_9001";
        meta.Posts.Add((Post(postId, "A&E at Northshire General tonight: six hours and counting", Origin),
            Enumerable.Range(1, 54).Select(n => Comment($"9001_{n}", $"Comment {n}: same for us", Origin.AddMinutes(n))).ToList()));
        h.Fake.Responder = meta.Respond;

        (await h.PollAsync()).ShouldBe(55);

        (await h.ScalarAsync($"select count(*) from mentions where in_reply_to = '{postId}'")).ShouldBe(54);
        var follow = h.Fake.Requests.Last();
        follow.Path.ShouldBe($"/{postId}/comments");
        follow.Header("Authorization").ShouldBe("Bearer test-page-token");
        follow.Param("access_token").ShouldBeNull(); // the token travels in the header, never in a URL we send or store

        // Polled again: the same comments are read and nothing doubles.
        (await h.PollAsync()).ShouldBe(0);
        (await h.ScalarAsync("select count(*) from mentions")).ShouldBe(55);
    }

    [Fact]
    public async Task Facebook_PageThrottledOnOneSource_AnotherSourceOnThePageWaitsUntilTheRegainTime()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new FacebookScript());
        var meta = new MetaPlatform(h.Fake.BaseAddress) { PageThrottledForMinutes = 30 };
        h.Fake.Responder = meta.Respond;
        var feed = new SourceSettings { Id = "facebook-feed", Platform = "facebook", Settings = new(h.Source.Settings, StringComparer.OrdinalIgnoreCase) { ["Edge"] = "feed" } };

        (await h.PollAsync()).ShouldBe(0);
        var until = h.Clock.Now.AddMinutes(30);
        (await h.HealthAsync()).BackoffUntil.ShouldBe(until);

        // 1.8 seconds later the feed source on the same Page is due: it must not call.
        h.Clock.Advance(TimeSpan.FromSeconds(1.8));
        (await h.PollAsync(feed)).ShouldBe(0);
        h.Fake.Requests.Count.ShouldBe(1);
        var held = await h.HealthAsync(feed.Id);
        held.BackoffUntil.ShouldBe(until);
        held.LastError.ShouldNotBeNull().ShouldContain($"shared limit meta-account:{MetaPlatform.PageId} until {until:u}");
        held.LastError.ShouldContain("80001");
        // Kept where a restart or another instance finds it.
        (await h.ScalarAsync($"select count(*) from throttle_scopes where scope = 'meta-account:{MetaPlatform.PageId}' and until = '{until:O}'")).ShouldBe(1);

        // The operator's view names the limit, until when, and which source's call reached it.
        using var shown = new StringWriter();
        (await SourceCommands.ShowHealthAsync(
        [
            $"--ConnectionStrings:Postgres={h.Database.ConnectionString}",
            "--Sources:0:Id=facebook-page", "--Sources:0:Platform=facebook", "--Sources:1:Id=facebook-feed", "--Sources:1:Platform=facebook",
        ], shown, CancellationToken.None, h.Clock)).ShouldBe(0);
        shown.ToString().ShouldContain($"meta-account:{MetaPlatform.PageId} until {until:u}, answered to facebook-page: Graph error 80001");
        shown.ToString().ShouldContain($"backing off until {until:u}");

        // /metrics shows each held source with the limit it waits on.
        var readings = new GaugeReadings(h.Database, FoiClock.Default,
            Options.Create(new PollingOptions { Sources = { h.Source, feed } }), Options.Create(new MetricsOptions { QueueDepth = false }),
            Options.Create(new MessagingOptions()), new ConfigurationBuilder().Build(), h.Clock, NullLogger<GaugeReadings>.Instance);
        var backoffs = await Eventually.ReachesAsync(() => Task.FromResult(readings.Current().Backoffs), b => b.Count == 2, "both sources' backoffs read");
        backoffs.ShouldContain(b => b.Source == "facebook-feed" && b.Limit == $"meta-account:{MetaPlatform.PageId}" && b.Seconds > 29 * 60);

        // At the regain time both read again.
        meta.PageThrottledForMinutes = null;
        meta.Posts.Add((Post($"{MetaPlatform.PageId}_1", "Thank you to ward 12", Origin), []));
        h.Clock.Now = until.AddSeconds(1);
        (await h.PollAsync(feed)).ShouldBe(1);
        (await h.HealthAsync(feed.Id)).BackoffUntil.ShouldBeNull();
    }

    [Fact]
    public async Task X_RateWindowSpentOnOneSource_AnotherSourceOnTheTokenDoesNotCallUntilTheReset()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new XScript());
        var (throttle, until) = h.Script.Throttle(h.Clock.Now);
        h.Fake.Enqueue(throttle);
        var other = new SourceSettings { Id = "x-ae", Platform = "x", Settings = new(h.Source.Settings, StringComparer.OrdinalIgnoreCase) { ["Query"] = "\"Northshire A&E\"" } };

        (await h.PollAsync()).ShouldBe(0);
        (await h.PollAsync(other)).ShouldBe(0);

        h.Fake.Requests.Count.ShouldBe(1);
        var held = await h.HealthAsync(other.Id);
        held.BackoffUntil.ShouldBe(until);
        held.LastError.ShouldNotBeNull().ShouldStartWith("throttled: shared limit x-token:");
        held.LastError.ShouldNotContain(h.Source.Settings["Token"]);
    }

    [Fact]
    public async Task YouTube_SearchGivesShortenedDescriptions_FullTextFromVideosListInCallsOfFifty()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new YouTubeScript());
        var youtube = new YouTubePlatform();
        var full = "Filmed on the children's ward at Northshire General.\nMy son waited 9 hours for pain relief and nobody answered the call bell. "
                   + "I am making a formal complaint and want to know who is responsible.";
        youtube.Videos.AddRange(Enumerable.Range(1, 60).Reverse().Select(n => ($"vid{n:D8}", Origin.AddMinutes(n), $"Northshire visit {n}", n == 60 ? full : $"Video {n}.\n{full}")));
        h.Fake.Responder = youtube.Respond;

        (await h.PollAsync()).ShouldBe(60);

        var videoCalls = h.Fake.Requests.Where(r => r.Path == "/videos").ToList();
        videoCalls.Count.ShouldBe(2); // one per search page of up to 50
        videoCalls.ShouldAllBe(r => r.Param("part") == "snippet" && r.Param("id")!.Split(',').Length <= 50);
        videoCalls.Sum(r => r.Param("id")!.Split(',').Length).ShouldBe(60);
        (await h.ScalarAsync("select count(*) from mentions where text like '%formal complaint%'")).ShouldBe(60);
        (await h.ScalarAsync("select count(*) from mentions where text = 'Northshire visit 60' || E'\\n\\n' || " + Sql(full) + "")).ShouldBe(1);
    }

    [Fact]
    public async Task YouTube_ThreadsWithReplies_EveryReplyStoredIncludingThoseOnlyCommentsListGives()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new YouTubeScript());
        h.Source.Settings["Mode"] = "comments";
        h.Source.Settings["ChannelId"] = "UCNorthshireHospitals0001";
        var youtube = new YouTubePlatform();
        youtube.Threads.Add(("UgyBusy", "JE8xdDp5B8Q", Origin, "Why was my dad discharged at 2am?",
            Enumerable.Range(1, 7).Select(n => ($"UgyBusy.r{n}", Origin.AddMinutes(n), n == 7 ? "Please contact PALS on 0800 000 000 - Northshire NHS" : $"Reply {n}", n == 7 ? "Northshire Hospitals NHS" : "A neighbour")).ToList()));
        youtube.Threads.Add(("UgyQuiet", "JE8xdDp5B8Q", Origin.AddMinutes(-5), "Great staff", [("UgyQuiet.r1", Origin, "Agreed", "A neighbour")]));
        h.Fake.Responder = youtube.Respond;

        (await h.PollAsync()).ShouldBe(10);

        var threadCall = h.Fake.Requests.First();
        threadCall.Param("part")!.Split(',').ShouldContain("replies");
        var replyCalls = h.Fake.Requests.Where(r => r.Path == "/comments").ToList();
        replyCalls.ShouldHaveSingleItem().Param("parentId").ShouldBe("UgyBusy"); // the quiet thread carried its only reply
        (await h.ScalarAsync("select count(*) from mentions where in_reply_to = 'UgyBusy'")).ShouldBe(7);
        (await h.ScalarAsync("select count(*) from mentions where in_reply_to = 'UgyQuiet'")).ShouldBe(1);
        (await h.ScalarAsync("select count(*) from mentions where author_display_name = 'Northshire Hospitals NHS' and text like 'Please contact PALS%'")).ShouldBe(1);
    }

    [Fact]
    public async Task MediaOnlyPosts_StoredWithWhatTheyCarry_OnlyTheUnreadableQuarantinedWithTheTrueReason()
    {
        await using var ig = await AdapterHarness.StartAsync(servers, new InstagramScript());
        var meta = new MetaPlatform(ig.Fake.BaseAddress);
        meta.Tagged.Add(new() { ["id"] = "17890001", ["media_type"] = "IMAGE", ["permalink"] = "https://www.instagram.com/p/C8xA/", ["timestamp"] = MetaPlatform.Time(Origin), ["username"] = "ward_visitor" });
        meta.Tagged.Add(new() { ["id"] = "17890002", ["caption"] = "Corridor care again", ["media_type"] = "IMAGE", ["timestamp"] = "last Tuesday" });
        ig.Fake.Responder = meta.Respond;

        (await ig.PollAsync()).ShouldBe(1);

        (await ig.ScalarAsync("select count(*) from mentions where external_id = '17890001' and text = 'Photo with no text. Link: https://www.instagram.com/p/C8xA/'")).ShouldBe(1);
        (await ig.QuarantineReasonsAsync()).ShouldBe(["Instagram media 17890002 without a readable timestamp (\"last Tuesday\")"]);

        await using var fb = await AdapterHarness.StartAsync(servers, new FacebookScript());
        var page = new MetaPlatform(fb.Fake.BaseAddress);
        var photo = Comment("9002_1", null, Origin.AddMinutes(1));
        photo["attachment"] = new Dictionary<string, object?> { ["type"] = "photo", ["description"] = "Staff car park, Northshire General", ["url"] = "https://www.facebook.com/photo/1" };
        page.Posts.Add((Post($"{MetaPlatform.PageId}_9002", "Look at this", Origin), [photo, Comment("9002_2", "No id-less comments here", null)]));
        fb.Fake.Responder = page.Respond;

        (await fb.PollAsync()).ShouldBe(2);

        (await fb.ScalarAsync("select count(*) from mentions where external_id = '9002_1' and text = 'Photo with no text. Description: Staff car park, Northshire General. Link: https://www.facebook.com/photo/1'")).ShouldBe(1);
        (await fb.QuarantineReasonsAsync()).ShouldBe(["Facebook comment 9002_2 without a readable created_time (missing)"]);
    }

    [Fact]
    public async Task Instagram_HashtagByName_LookedUpOnceAndOnlyDocumentedFieldsAsked()
    {
        await using var h = await AdapterHarness.StartAsync(servers, new InstagramScript());
        h.Source.Settings["Mode"] = "hashtag";
        h.Source.Settings["Hashtag"] = "#northshirenhs";
        var meta = new MetaPlatform(h.Fake.BaseAddress);
        meta.HashtagMedia.AddRange(Enumerable.Range(1, 3).Select(n => Media(n, $"Proud of #northshirenhs midwives {n}", withUsername: false)));
        h.Fake.Responder = meta.Respond;

        (await h.PollAsync()).ShouldBe(3);
        (await h.PollAsync()).ShouldBe(0);

        meta.HashtagSearches.ShouldBe(1);
        var media = h.Fake.Requests.Where(r => r.Path.EndsWith("/recent_media", StringComparison.Ordinal)).ToList();
        media.Count.ShouldBe(2);
        media.ShouldAllBe(r => r.Path == $"/{MetaPlatform.HashtagId}/recent_media" && r.Param("user_id") == MetaPlatform.UserId);
        media[0].Param("fields")!.Split(',').ShouldNotContain("username");
        (await h.HealthAsync()).Cursor.HashtagId.ShouldBe(MetaPlatform.HashtagId);
        (await h.QuarantineReasonsAsync()).ShouldBeEmpty();
    }

    private static Dictionary<string, object?> Media(int n, string caption, bool withUsername = true)
    {
        var media = new Dictionary<string, object?>
        {
            ["id"] = $"1789{n:D6}", ["caption"] = caption, ["media_type"] = "IMAGE", ["permalink"] = $"https://www.instagram.com/p/C8x{n}/",
            ["timestamp"] = MetaPlatform.Time(Origin.AddMinutes(n)),
        };
        if (withUsername) media["username"] = "northshire_parent";
        return media;
    }

    private static Dictionary<string, object?> Post(string id, string message, DateTimeOffset at) => new()
    {
        ["id"] = id, ["message"] = message, ["created_time"] = MetaPlatform.Time(at), ["updated_time"] = MetaPlatform.Time(at),
        ["from"] = new { name = "Alex Morgan", id = "7001234567890123" },
    };

    private static Dictionary<string, object?> Comment(string id, string? message, DateTimeOffset? at)
    {
        var comment = new Dictionary<string, object?> { ["id"] = id, ["from"] = new { name = "Sam Patel", id = "7009" } };
        if (message is not null) comment["message"] = message;
        if (at is { } time) comment["created_time"] = MetaPlatform.Time(time);
        return comment;
    }

    private static string Sql(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal).Replace("\n", "' || E'\\n' || '", StringComparison.Ordinal) + "'";
}
