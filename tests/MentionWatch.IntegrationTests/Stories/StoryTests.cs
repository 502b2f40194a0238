using System.Text.Json.Nodes;
using MentionWatch.Polling;
using Microsoft.Extensions.DependencyInjection;

namespace MentionWatch.IntegrationTests.Stories;

/// <summary>
/// A day's copies through the whole service on the real servers: shares and template copies join their story's
/// alert; the same crisis words from fifty different people are fifty people, each alerted; a share of an FOI
/// request opens no case, the same request from someone else opens one; and redelivering everything changes nothing.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class StoryTests(ServersFixture servers)
{
    private const string Crisis = "I want to end my life tonight, I have the tablets ready. Sorry everyone @RiverbendNHS";
    private const string Complaint = "Waited nine hours in A&E at Riverbend with my dad last night and nobody offered him water once. Disgraceful @RiverbendNHS";
    private const string Request = "@RiverbendNHS Under the Freedom of Information Act please tell me how many agency nurses you used in 2025";

    [Fact]
    public async Task ManyBatchesAtOnce_CopiesStillFindThePostTheyCopy()
    {
        // Batches of three, four at a time: a share is often classified beside, or before, the post it shares.
        var posts = Day();
        await using var pipeline = await Pipeline.StartAsync(servers, Write(posts), null, null, "--Triage:Model:Enabled=false",
            "--Messaging:ClassifyBatch:ConcurrencyLimit=4", "--Messaging:ClassifyBatch:MessageLimit=3");
        await ShouldBeGroupedAsync(pipeline, posts.Count);
        (await pipeline.CountAsync(Pipeline.DuplicateAlertsSql)).ShouldBe(0);

        // A comms officer reads a share of the complaint as someone in crisis: the correction is never grouped away.
        var reader = await IdOf(pipeline, "reader0");
        await using (var command = pipeline.Database.CreateCommand(
            "insert into verdicts (mention_id, classifier_version, labels, urgent, reasons, decided_by, created_at) values (@id, 'human', '{distress}', true, '{\"a farewell\"}', 'comms.officer', now())"))
        {
            command.Parameters.AddWithValue("id", reader);
            await command.ExecuteNonQueryAsync();
        }

        await using (var scope = pipeline.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MentionPublisher>().RepublishAsync(reader, CancellationToken.None);
        }

        await pipeline.WaitUntilAsync($"select count(*) from alerts where mention_id = {reader} and team = 'spa' and urgent", n => n == 1);
        (await pipeline.CountAsync($"select count(*) from mentions where id = {reader} and story_id is null")).ShouldBe(1);
    }

    [Fact]
    public async Task CopiesJoinTheirStory_DistinctPeopleInCrisisAndDistinctRequestersDoNot_RedeliveryChangesNothing()
    {
        var posts = Day();
        var file = Write(posts);
        // One batch at a time, in the order they were published: the post added after the redeliveries below is
        // classified after them, so its verdict says they are done.
        await using var pipeline = await Pipeline.StartAsync(servers, file, null, null, "--Triage:Model:Enabled=false", "--Messaging:ClassifyBatch:ConcurrencyLimit=1");
        await ShouldBeGroupedAsync(pipeline, posts.Count);
        var pat = await IdOf(pipeline, "pat");

        // The inbox (and the API, which lists the same rows): one row per team for the complaint, with its count.
        await using (var scope = pipeline.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MentionWatch.Persistence.MentionWatchDb>();
            var rows = await MentionWatch.Web.InboxQuery.ListAsync(db, new MentionWatch.Web.Accounts.Visibility(true, [], true),
                new MentionWatch.Web.InboxFilter { Label = "complaint" }, MentionWatch.Time.TrustTime.Uk, CancellationToken.None);
            rows.ShouldNotBeEmpty();
            rows.ShouldAllBe(r => r.MentionId == pat && r.Copies == 30);
            rows.Select(r => r.Team).Distinct().Count().ShouldBe(rows.Count);
            rows[0].CopiesText.ShouldBe("shared or posted again 30 times");

            // The story's page: thirty copies by thirty accounts; the ten who pasted the complaint are its campaign, each listed once.
            var story = (await MentionWatch.Web.MentionDetails.LoadAsync(db, new MentionWatch.Web.Accounts.Visibility(true, [], true), pat, CancellationToken.None))!.Story;
            (story.Copies, story.Accounts, story.CampaignPeople).ShouldBe((30, 30, 10));
            story.Campaign.Select(c => c.AuthorHandle).ShouldBe(Enumerable.Range(0, 10).Select(i => $"campaigner{i}"));
            story.LastSeen.ShouldBeGreaterThanOrEqualTo(story.FirstSeen);
        }

        // Alerts about the posts (a spike notice may come and go on its own schedule), the last post's aside.
        const string postAlerts = "select count(*) from alerts a join mentions m on m.id = a.mention_id where a.kind = 'mention' and m.author_handle <> 'last'";
        var alerts = await pipeline.CountAsync(postAlerts);

        // Every post delivered again, as after a worker's restart: nothing raised, nothing moved, nothing audited twice.
        await using (var scope = pipeline.Services.CreateAsyncScope())
        {
            var publisher = scope.ServiceProvider.GetRequiredService<MentionPublisher>();
            foreach (var id in await IdsAsync(pipeline)) await publisher.RepublishAsync(id, CancellationToken.None);
        }

        await pipeline.WaitUntilAsync("select count(*) from mentions where published_at is null", n => n == 0);
        File.WriteAllLines(file, [.. File.ReadLines(file), .. Lines([("last", "A lovely walk round the hospital gardens today, thank you to the volunteers @RiverbendNHS", null)], posts.Count)]);
        await pipeline.WaitUntilAsync("select count(*) from verdicts v join mentions m on m.id = v.mention_id where m.author_handle = 'last'", n => n == 1);
        (await pipeline.CountAsync("select count(*) from verdicts")).ShouldBe(posts.Count + 1);
        (await pipeline.CountAsync(postAlerts)).ShouldBe(alerts);
        (await pipeline.CountAsync(Pipeline.DuplicateAlertsSql)).ShouldBe(0);
        (await pipeline.CountAsync($"select count(*) from mentions where story_id = {pat}")).ShouldBe(30);
        (await pipeline.CountAsync("select count(*) from audit_log where action = 'story.joined'")).ShouldBe(60);
        (await pipeline.CountAsync("select count(*) from foi_cases")).ShouldBe(2);
    }

    [Fact]
    public async Task NearCopies_EditedCopiesJoin_FiftyPeopleInNearlyTheSameWordsAreFiftyAlerts_ARequestWithAWordChangedIsItsOwnCase()
    {
        var posts = new List<(string Author, string Text, string? SharedId)> { ("pat", Complaint, null) };
        // Edited copies: a word changed, a hashtag or emoji added, cut short by a share, a typo fixed.
        string[] edited =
        [
            Complaint.Replace("nine", "9", StringComparison.Ordinal) + " #NHS",
            Complaint.Replace("Disgraceful", "Shameful", StringComparison.Ordinal) + " 😡",
            Complaint[..70] + "…",
            "Please share. " + Complaint.Replace("nobody", "no one", StringComparison.Ordinal),
        ];
        posts.AddRange(edited.Select((t, i) => ($"echo{i}", t, (string?)null)));
        posts.Add(("pat", Complaint.Replace("last night", "on Tuesday night", StringComparison.Ordinal), null));
        // A quote that adds a story of its own is a post of its own.
        posts.Add(("quoter", "Same thing happened to my mum in March and she ended up readmitted a week later with an infection. " + Complaint, null));
        // Fifty people in nearly the same words: each a person who may be at risk.
        string[] whom = ["mum", "dad", "everyone", "my kids", "my sister", "my friends", "nan", "my partner", "all of you", "my brother"];
        posts.AddRange(Enumerable.Range(0, 50).Select(i =>
            ($"person{i}", $"I can't do this anymore, I'm going to end my life tonight. Sorry {whom[i % whom.Length]} {(i < 10 ? "" : $"x{i / 10}")} @RiverbendNHS", (string?)null)));
        // One requester, two requests a word apart: two questions, two legal clocks.
        posts.Add(("req1", Request, null));
        posts.Add(("req1", Request.Replace("agency nurses", "agency doctors", StringComparison.Ordinal), null));
        await using var pipeline = await Pipeline.StartAsync(servers, Write(posts), null, null, "--Triage:Model:Enabled=false");
        await pipeline.WaitUntilAsync("select count(*) from verdicts", n => n == posts.Count);

        var pat = await pipeline.CountAsync("select min(id) from mentions where author_handle = 'pat'");
        (await pipeline.CountAsync($"select count(*) from mentions where story_id = {pat} and copy_kind = 'similar'")).ShouldBe(edited.Length + 1);
        (await pipeline.CountAsync("select count(*) from mentions where author_handle = 'quoter' and story_id is null")).ShouldBe(1);
        (await pipeline.CountAsync("select count(*) from alerts a join mentions m on m.id = a.mention_id where m.author_handle = 'quoter'")).ShouldBeGreaterThan(0);
        (await pipeline.CountAsync("select count(*) from alerts a join mentions m on m.id = a.mention_id where a.team = 'spa' and a.urgent and m.author_handle like 'person%'")).ShouldBe(50);
        (await pipeline.CountAsync("select count(*) from mentions where author_handle like 'person%' and story_id is not null")).ShouldBe(0);
        (await pipeline.CountAsync("select count(*) from foi_cases")).ShouldBe(2);
        // Listed on each other's case, to be answered together.
        var first = await pipeline.CountAsync("select min(id) from foi_cases");
        var second = await pipeline.CountAsync("select max(id) from foi_cases");
        var cases = pipeline.Services.GetRequiredService<MentionWatch.Foi.FoiCaseService>();
        (await cases.GetAsync(first, CancellationToken.None))!.Related.ShouldBe([second]);
        (await cases.GetAsync(second, CancellationToken.None))!.Related.ShouldBe([first]);
        (await pipeline.CountAsync("select count(*) from audit_log where action = 'story.joined' and detail like 'nearly the same words as mention %'")).ShouldBe(edited.Length + 1);
        (await pipeline.CountAsync(Pipeline.DuplicateAlertsSql)).ShouldBe(0);
    }

    [Fact]
    public async Task WorkerRestartedMidStory_CountsRightAfterwards_OneAlertPerTeam()
    {
        var posts = new List<(string Author, string Text, string? SharedId)> { ("pat", Complaint, null) };
        posts.AddRange(Enumerable.Range(0, 15).Select(i => ($"early{i}", i % 3 == 0 ? $"RT @pat: {Complaint}" : i % 3 == 1 ? Complaint + " #NHS" : Complaint.Replace("nine", "9", StringComparison.Ordinal), (string?)null)));
        var file = Write(posts);
        var database = await servers.CreateDatabaseAsync();
        await using var queues = servers.NewQueues("s");
        // Small batches one at a time, so the worker is often stopped with copies still queued.
        string[] args = ["--Triage:Model:Enabled=false", "--Messaging:ClassifyBatch:ConcurrencyLimit=1", "--Messaging:ClassifyBatch:MessageLimit=2", queues.Argument];
        long pat;
        long alerts;
        await using (var first = await Pipeline.StartAsync(servers, file, database, null, args))
        {
            await first.WaitUntilAsync("select count(*) from verdicts", n => n >= 4);
            pat = await IdOf(first, "pat");
            alerts = await first.CountAsync($"select count(*) from alerts where mention_id = {pat}");
        }

        // More copies while it is down; a new worker takes over the same queues and database.
        File.AppendAllLines(file, Lines([.. Enumerable.Range(0, 15).Select(i => ($"late{i}", $"RT @pat: {Complaint}", (string?)null))], posts.Count));
        await using var second = await Pipeline.StartAsync(servers, file, database, null, args);
        await second.WaitUntilAsync("select count(*) from verdicts", n => n == 31);

        (await second.CountAsync($"select count(*) from mentions where story_id = {pat}")).ShouldBe(30);
        (await second.CountAsync("select count(*) from alerts where kind = 'mention'")).ShouldBe(alerts);
        (await second.CountAsync(Pipeline.DuplicateAlertsSql)).ShouldBe(0);
        (await second.CountAsync("select count(*) from audit_log where action = 'story.joined'")).ShouldBe(30);
        await using var scope = second.Services.CreateAsyncScope();
        var rows = await MentionWatch.Web.InboxQuery.ListAsync(scope.ServiceProvider.GetRequiredService<MentionWatch.Persistence.MentionWatchDb>(),
            new MentionWatch.Web.Accounts.Visibility(true, [], true), new MentionWatch.Web.InboxFilter(), MentionWatch.Time.TrustTime.Uk, CancellationToken.None);
        rows.Where(r => r.Kind == "mention").ShouldAllBe(r => r.MentionId == pat && r.Copies == 30);
    }

    /// <summary>A day's posts: a crisis post and its shares, fifty people posting the same words, a shared and copied complaint, a shared FOI request and the same request from someone else.</summary>
    private static List<(string Author, string Text, string? SharedId)> Day()
    {
        var posts = new List<(string Author, string Text, string? SharedId)> { ("sam", Crisis, null) };
        posts.AddRange(Enumerable.Range(0, 20).Select(i => ($"friend{i}", $"RT @sam: {Crisis}", (string?)null)));
        // The same words posted (not shared) by fifty people: fifty people who may each be at risk. Some vary the case,
        // spacing and punctuation, which makes them copies by text as much as the rest.
        posts.AddRange(Enumerable.Range(0, 50).Select(i => ($"person{i}", i % 3 == 0 ? Crisis.ToUpperInvariant() : i % 3 == 1 ? Crisis.Replace(", ", "  ", StringComparison.Ordinal) : Crisis, (string?)null)));
        var patId = $"story-{posts.Count}";
        posts.Add(("pat", Complaint, null));
        posts.AddRange(Enumerable.Range(0, 15).Select(i => ($"reader{i}", $"RT @pat: {Complaint}", (string?)null)));
        posts.AddRange(Enumerable.Range(0, 10).Select(i => ($"campaigner{i}", Complaint + " https://t.co/x" + i, (string?)null)));
        // Retweets as X sends them: the text cut short, the post they share named by its id.
        posts.AddRange(Enumerable.Range(0, 5).Select(i => ($"retweeter{i}", $"RT @pat: {Complaint[..60]}…", (string?)patId)));
        posts.Add(("req1", Request, null));
        posts.AddRange(Enumerable.Range(0, 10).Select(i => ($"sharer{i}", $"RT @req1: {Request}", (string?)null)));
        posts.Add(("req2", Request, null));
        return posts;
    }

    private static async Task ShouldBeGroupedAsync(Pipeline pipeline, int count)
    {
        await pipeline.WaitUntilAsync("select count(*) from mentions m where exists (select 1 from verdicts v where v.mention_id = m.id)", n => n == count);
        var sam = await IdOf(pipeline, "sam");
        var pat = await IdOf(pipeline, "pat");
        var req1 = await IdOf(pipeline, "req1");
        // The person in crisis and each of the fifty: fifty-one urgent alerts to the Single Point of Access.
        (await pipeline.CountAsync("select count(*) from alerts where team = 'spa' and urgent and kind = 'mention'")).ShouldBe(51);
        (await pipeline.CountAsync("select count(*) from alerts a join mentions m on m.id = a.mention_id where a.team = 'spa' and m.author_handle like 'person%'")).ShouldBe(50);
        (await pipeline.CountAsync($"select count(*) from mentions where story_id = {sam} and copy_kind = 'share'")).ShouldBe(20);
        // The complaint: one alert per team, its fifteen shares, ten pasted copies and five cut-short retweets listed on its story.
        (await pipeline.CountAsync("select count(distinct mention_id) from alerts where 'complaint' = any(labels)")).ShouldBe(1);
        (await pipeline.CountAsync($"select count(*) from alerts where 'complaint' = any(labels) and mention_id <> {pat}")).ShouldBe(0);
        (await pipeline.CountAsync($"select count(*) from mentions where story_id = {pat}")).ShouldBe(30);
        (await pipeline.CountAsync($"select count(*) from mentions where story_id = {pat} and copy_kind = 'copy'")).ShouldBe(10);
        (await pipeline.CountAsync($"select count(*) from mentions where story_id = {pat} and author_handle like 'retweeter%'")).ShouldBe(5);
        // The FOI request: shares open nothing; the same request from another person is a request of its own.
        (await pipeline.CountAsync("select count(*) from foi_cases")).ShouldBe(2);
        (await pipeline.CountAsync($"select count(*) from mentions where story_id = {req1} and copy_kind = 'share'")).ShouldBe(10);
        (await pipeline.CountAsync("select count(*) from audit_log where action = 'story.joined'")).ShouldBe(60);

        // The first request's case lists its shares and the second requester's case, to be answered together.
        var firstCase = await pipeline.CountAsync($"select id from foi_cases where mention_id = {req1}");
        var secondCase = await pipeline.CountAsync($"select c.id from foi_cases c join mentions m on m.id = c.mention_id where m.author_handle = 'req2'");
        var detail = await pipeline.Services.GetRequiredService<MentionWatch.Foi.FoiCaseService>().GetAsync(firstCase, CancellationToken.None);
        detail.ShouldNotBeNull();
        detail.Related.ShouldBe([secondCase]);
        detail.Shares.ShouldBe(10);
    }

    internal static async Task<long> IdOf(Pipeline pipeline, string author) =>
        await pipeline.CountAsync($"select id from mentions where author_handle = '{author}'");

    private static async Task<List<long>> IdsAsync(Pipeline pipeline)
    {
        var ids = new List<long>();
        await using var command = pipeline.Database.CreateCommand("select id from mentions order by id");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        return ids;
    }

    internal static string Write(IReadOnlyList<(string Author, string Text, string? SharedId)> posts)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mw-stories-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path, Lines(posts, 0));
        return path;
    }

    internal static IEnumerable<string> Lines(IReadOnlyList<(string Author, string Text, string? SharedId)> posts, int firstId)
    {
        var template = JsonNode.Parse(File.ReadLines(Path.Combine(RepoPaths.Root, "deploy/sample/mentions.jsonl")).First())!.AsObject();
        return posts.Select((p, i) =>
        {
            var line = template.DeepClone().AsObject();
            line["id"] = $"story-{firstId + i}";
            line["author"]!["handle"] = p.Author;
            line["author"]!["displayName"] = p.Author;
            line["text"] = p.Text;
            if (p.SharedId is not null) line["sharedId"] = p.SharedId;
            return line.ToJsonString();
        });
    }
}
