using MentionWatch.Foi;
using MentionWatch.Hosting;
using MentionWatch.Messaging;
using MentionWatch.Polling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MentionWatch.IntegrationTests.Hosting;

/// <summary>The consumer lag gauge, read by <see cref="GaugeReadings"/> from a real database at a time the test sets.</summary>
[Collection(ServersCollection.Name)]
public sealed class ConsumerLagTests(ServersFixture servers)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task UnclassifiedAge_MentionsWaitingForVerdicts_IsTheOldestWaitersAgeThenZero()
    {
        await using var data = NpgsqlDataSource.Create(await servers.CreateDatabaseAsync());
        var clock = new TestClock(Now);
        // Stored first but classified: not lag. The oldest still waiting was stored 90 s ago.
        var classified = await InsertMentionAsync(data, "classified", Now.AddSeconds(-300));
        var waiting = await InsertMentionAsync(data, "waiting", Now.AddSeconds(-90));
        var newest = await InsertMentionAsync(data, "newest", Now.AddSeconds(-10));
        await InsertVerdictAsync(data, classified);
        var readings = new GaugeReadings(
            data, FoiClock.Default, Options.Create(new PollingOptions()),
            Options.Create(new MetricsOptions { GaugeCacheDuration = CacheFor, QueueDepth = false }), Options.Create(new MessagingOptions()),
            new ConfigurationBuilder().Build(), clock, NullLogger<GaugeReadings>.Instance);

        (await ReadAsync(readings)).ShouldBe(90);

        await InsertVerdictAsync(data, waiting);
        await InsertVerdictAsync(data, newest);
        clock.Advance(CacheFor);
        (await Eventually.ReachesAsync(() => ReadAsync(readings), age => age == 0, "a lag of 0 once every mention has its verdict")).ShouldBe(0);
    }

    private static async Task<double> ReadAsync(GaugeReadings readings) =>
        (await Eventually.ReachesAsync(() => Task.FromResult(readings.Current()), s => s.UnclassifiedAgeSeconds is not null, "the gauges' first reading"))
        .UnclassifiedAgeSeconds!.Value;

    private static async Task<long> InsertMentionAsync(NpgsqlDataSource data, string externalId, DateTimeOffset firstSeenAt)
    {
        await using var command = data.CreateCommand(
            """
            insert into sources (id, platform) values ('lag', 'x') on conflict do nothing;
            insert into mentions (source_id, platform, external_id, text, posted_at, first_seen_at, published_at, raw_payload, raw_sha256)
            values ('lag', 'x', @external_id, 'a post', @seen, @seen, @seen, '{}', 'x')
            returning id
            """);
        command.Parameters.AddWithValue("external_id", externalId);
        command.Parameters.AddWithValue("seen", firstSeenAt.ToUniversalTime());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task InsertVerdictAsync(NpgsqlDataSource data, long mentionId)
    {
        await using var command = data.CreateCommand(
            "insert into verdicts (mention_id, classifier_version, labels, urgent, reasons, created_at) values (@id, 'test', '{}', false, '{}', now())");
        command.Parameters.AddWithValue("id", mentionId);
        await command.ExecuteNonQueryAsync();
    }
}
