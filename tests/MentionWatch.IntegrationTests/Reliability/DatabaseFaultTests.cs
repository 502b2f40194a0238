namespace MentionWatch.IntegrationTests.Reliability;

[Collection(FaultsCollection.Name)]
public sealed class DatabaseFaultTests(FaultServersFixture servers)
{
    /// <summary>Sources whose cursor (lines of the replay consumed) is not the number of mentions saved: zero when no cursor ran ahead.</summary>
    private const string CursorAheadSql = "select count(*) from sources where cursor::bigint <> (select count(*) from mentions)";

    [Fact]
    public async Task PostgresStoppedMidRun_Restarted_CursorNeverAheadNothingLostNothingDoubled()
    {
        // Half the mentions are there at the start; the other half are posted while the database is down.
        const int count = 2000, atStart = count / 2;
        var file = SampleReplay.Write(atStart, "db-fault");
        await using var pipeline = await Pipeline.StartAsync(servers, file, null, null, Outcome.FaultArgs);
        // Mid-run: classifying, with alerts still to send.
        await pipeline.WaitUntilAsync("select count(*) from verdicts", n => n >= 200);

        // Stopped at once, as in a crash: open transactions (a page being stored, a verdict being written) are lost.
        await servers.StopPostgresAsync();
        await pipeline.WaitUntilReadyAsync(false);
        SampleReplay.Append(file, atStart, count - atStart, "db-fault");
        await servers.StartPostgresAsync();
        await pipeline.WaitUntilReadyAsync(true);
        // Our own pooled connections died with the server.
        pipeline.Database.Clear();

        (await pipeline.CountAsync(CursorAheadSql)).ShouldBe(0);
        (await pipeline.CountAsync("select count(*) from verdicts")).ShouldBeLessThan(count);
        await Outcome.ShouldBeCompleteAsync(pipeline.Database, count);
        (await pipeline.CountAsync(CursorAheadSql)).ShouldBe(0);
    }
}
