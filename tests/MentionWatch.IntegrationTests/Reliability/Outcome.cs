using Npgsql;

namespace MentionWatch.IntegrationTests.Reliability;

/// <summary>The count at the end of a fault test: every mention once, every alert once, nothing left behind.</summary>
internal static class Outcome
{
    /// <summary>Options that make a 5,000-mention replay last several polls, and recover quickly from an outage.</summary>
    public static readonly string[] FaultArgs =
    [
        "--Polling:MaxPagesPerPoll=1",
        "--Polling:PublishTimeout=00:00:02",
        "--Polling:RepublishAfter=00:00:02",
        "--Polling:SweepInterval=00:00:01",
    ];

    public static async Task<long> CountAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits (bounded) for a count to reach a state; fails with the last value seen.</summary>
    public static async Task WaitUntilAsync(NpgsqlDataSource db, string sql, Func<long, bool> done, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(120));
        long value = -1;
        while (true)
        {
            try
            {
                if (done(value = await CountAsync(db, sql))) return;
            }
            catch (NpgsqlException)
            {
                // The database is on its way back; ask again.
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"'{sql}' stayed at {value}");
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Waits until every one of <paramref name="count"/> replayed mentions is classified and every alert sent, then
    /// asserts that none was lost and none doubled.
    /// </summary>
    public static async Task ShouldBeCompleteAsync(NpgsqlDataSource db, int count)
    {
        await WaitUntilAsync(db, "select count(*) from verdicts", n => n >= count);
        var alerts = await CountAsync(db, "select count(*) from alerts");
        await WaitUntilAsync(db, "select count(*) from deliveries where status = 'sent'", n => n >= alerts);
        await WaitUntilAsync(db, "select count(*) from mentions where published_at is null", n => n == 0);

        (await CountAsync(db, "select count(*) from mentions")).ShouldBe(count);
        (await CountAsync(db, "select max(cursor::bigint) from sources")).ShouldBe(count);
        (await CountAsync(db, "select count(*) from verdicts")).ShouldBe(count);
        (await CountAsync(db, "select count(distinct mention_id) from verdicts")).ShouldBe(count);
        alerts.ShouldBeGreaterThan(count / 2);
        (await CountAsync(db, Pipeline.DuplicateAlertsSql)).ShouldBe(0);
        // An alert raised twice would be audited twice; a delivery sent twice would have two rows or two attempts' worth.
        (await CountAsync(db, "select count(*) from audit_log where action = 'alert.raised'")).ShouldBe(alerts);
        (await CountAsync(db, "select count(*) from deliveries")).ShouldBe(alerts);
        (await CountAsync(db, "select count(*) from deliveries where status = 'sent'")).ShouldBe(alerts);
    }
}
