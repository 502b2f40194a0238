using System.Security.Cryptography;
using System.Text;
using MentionWatch.TestData;

namespace MentionWatch.IntegrationTests.Hostile;

[Collection(ServersCollection.Name)]
public sealed class HostileReplayTests(ServersFixture servers)
{
    [Fact]
    public async Task Replay_HostileCorpus_EachStoredAndClassifiedOrQuarantinedWithReason_SourceKeepsGoing()
    {
        var cases = HostileCorpus.Cases;
        var file = SampleReplay.Write(1, "after-hostile");
        var good = await File.ReadAllTextAsync(file);
        // The hostile lines first; a well-formed mention after them proves the source went on.
        await File.WriteAllLinesAsync(file, cases.Select(c => c.Line).Append(good.Trim()));
        await using var pipeline = await Pipeline.StartAsync(servers, file);

        await pipeline.WaitUntilAsync("select coalesce(max(cursor::bigint), 0) from sources", n => n >= cases.Count + 1);
        var stored = cases.Count(c => c.ExpectReplay.StartsWith("stored", StringComparison.Ordinal)) + 1;
        await pipeline.WaitUntilAsync("select count(*) from verdicts", n => n >= stored);

        foreach (var hostile in cases)
        {
            var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hostile.Line)));
            var asMention = await pipeline.CountAsync($"select count(*) from mentions where raw_sha256 = '{sha}'");
            var asQuarantine = await pipeline.CountAsync(
                $"select count(*) from quarantine where payload_sha256 = '{sha}' and reason like '%{hostile.ExpectReason?.Replace("'", "''", StringComparison.Ordinal)}%'");
            var expected = hostile.ExpectReplay switch { "stored" => (1L, 0L), "stored-and-quarantined" => (1L, 1L), _ => (0L, 1L) };
            Check.Equal((asMention, asQuarantine), expected, $"{hostile.Name}: (rows in mentions, rows in quarantine) with its payload's SHA-256");
        }

        (await pipeline.CountAsync("select count(*) from mentions")).ShouldBe(stored);
        (await pipeline.CountAsync("select count(*) from verdicts")).ShouldBe(stored);
        (await pipeline.CountAsync("select count(*) from mentions where external_id like 'after-hostile-%'")).ShouldBe(1);
        (await pipeline.CountAsync("select count(*) from sources where last_error is null")).ShouldBe(1);

        // Injection strings are kept verbatim, as data.
        var sql = HostileCorpus.Get("sql-injection").Mention!;
        await using (var command = pipeline.Database.CreateCommand("select text from mentions where external_id = $1"))
        {
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = sql.Id });
            (await command.ExecuteScalarAsync()).ShouldBe(sql.Text);
        }

        // Nobody posts after we first saw the post: the FOI clock never starts in the future, and the claim is audited.
        (await pipeline.CountAsync("select count(*) from mentions where external_id = 'h-future' and posted_at = first_seen_at")).ShouldBe(1);
        (await pipeline.CountAsync("select count(*) from audit_log where action = 'mention.posted_at_corrected'")).ShouldBe(1);
        (await pipeline.CountAsync("select count(*) from mentions where external_id = 'h-1970' and posted_at = '1970-01-01T00:00:00Z'")).ShouldBe(1);
        // A megabyte of profile is cut in the column; the evidence keeps all of it.
        (await pipeline.CountAsync("select length(author_description) from mentions where external_id = 'h-huge-bio'")).ShouldBeLessThanOrEqualTo(MentionWatch.Mentions.MentionStore.MaxAuthorDescriptionLength);
        (await pipeline.CountAsync("select length(raw_payload->'author'->>'description') from mentions where external_id = 'h-huge-bio'")).ShouldBe(HostileCorpus.Get("enormous-author-description").Mention!.Author!.Description!.Length);
    }
}
