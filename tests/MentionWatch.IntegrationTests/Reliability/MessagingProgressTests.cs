using MentionWatch.Messaging;
using MentionWatch.Persistence;
using Npgsql;

namespace MentionWatch.IntegrationTests.Reliability;

/// <summary>The progress half of liveness: a bus that claims to be connected while nothing moves is caught.</summary>
[Collection(ServersCollection.Name)]
public sealed class MessagingProgressTests(ServersFixture servers)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>When the bus came up, before any test's clock starts.</summary>
    private static readonly DateTimeOffset Connected = TestClock.DefaultStart.AddHours(-1);

    [Fact]
    public async Task PublishedMentionsUnclassifiedPastTheLimit_NothingConsumed_Stalled()
    {
        var (dataSource, ids) = await MentionsAsync(3);
        await using var database = dataSource;
        var clock = new TestClock();
        var progress = new MessagingProgress(dataSource, clock);

        progress.Published(ids);
        clock.Advance(Limit);
        Check.Equal(await progress.StalledAsync(Limit, Connected, CancellationToken.None), null, "the stall reason at the limit");

        clock.Advance(TimeSpan.FromSeconds(1));
        var reason = await progress.StalledAsync(Limit, Connected, CancellationToken.None);
        Check.That(reason is not null && reason.StartsWith("3 of the mentions it published", StringComparison.Ordinal), $"expected a stall reason naming 3 waiting mentions; got '{reason}'");
    }

    [Fact]
    public async Task ConsumerTookABatch_NotStalled()
    {
        var (dataSource, ids) = await MentionsAsync(2);
        await using var database = dataSource;
        var clock = new TestClock();
        var progress = new MessagingProgress(dataSource, clock);

        progress.Published(ids);
        clock.Advance(TimeSpan.FromSeconds(1));
        progress.Consumed();
        clock.Advance(Limit * 3);
        Check.Equal(await progress.StalledAsync(Limit, Connected, CancellationToken.None), null, "the stall reason after the consumer took a batch");
    }

    [Fact]
    public async Task AnotherInstanceClassifiedThem_NotStalled_AndWatchesAfresh()
    {
        var (dataSource, ids) = await MentionsAsync(2);
        await using var database = dataSource;
        var clock = new TestClock();
        var progress = new MessagingProgress(dataSource, clock);

        progress.Published(ids);
        clock.Advance(Limit * 2);
        await using (var command = dataSource.CreateCommand(
            "insert into verdicts (mention_id, classifier_version, labels, urgent, reasons, created_at) select id, 't', '{}', false, '{}', now() from unnest(@ids) as w(id)"))
        {
            command.Parameters.AddWithValue("ids", ids.ToArray());
            await command.ExecuteNonQueryAsync();
        }

        Check.Equal(await progress.StalledAsync(Limit, Connected, CancellationToken.None), null, "the stall reason once another instance classified them");

        // A later publication that nobody classifies is caught after its own wait, not the earlier one's.
        var (_, later) = await MentionsAsync(1, dataSource);
        progress.Published(later);
        clock.Advance(Limit / 2);
        Check.Equal(await progress.StalledAsync(Limit, Connected, CancellationToken.None), null, "the stall reason before the later mention waited the limit");
        clock.Advance(Limit);
        Check.That(await progress.StalledAsync(Limit, Connected, CancellationToken.None) is not null, "not stalled though the later mention waited past the limit unclassified");
    }

    [Fact]
    public async Task PublishesFailingPastTheLimit_Stalled_UntilOneSucceeds()
    {
        await using var dataSource = NpgsqlDataSource.Create(await servers.CreateDatabaseAsync());
        var clock = new TestClock();
        var progress = new MessagingProgress(dataSource, clock);

        progress.PublishFailed();
        clock.Advance(Limit / 2);
        progress.PublishFailed();
        clock.Advance(Limit / 2);
        Check.Equal(await progress.StalledAsync(Limit, Connected, CancellationToken.None), null, "the stall reason at the limit");
        clock.Advance(TimeSpan.FromSeconds(1));
        var reason = await progress.StalledAsync(Limit, Connected, CancellationToken.None);
        Check.Equal(reason, $"every publish has failed since {TestClock.DefaultStart:O}", "the stall reason");

        progress.Published([]);
        Check.Equal(await progress.StalledAsync(Limit, Connected, CancellationToken.None), null, "the stall reason after a publish succeeded");
    }

    [Fact]
    public async Task BusCameBackRecently_FailuresFromBeforeTheOutage_CountFromItsReturn()
    {
        await using var dataSource = NpgsqlDataSource.Create(await servers.CreateDatabaseAsync());
        var clock = new TestClock();
        var progress = new MessagingProgress(dataSource, clock);

        progress.PublishFailed();
        clock.Advance(Limit * 5);
        var back = clock.GetUtcNow();
        clock.Advance(Limit / 2);
        Check.Equal(await progress.StalledAsync(Limit, back, CancellationToken.None), null, "the stall reason half a limit after the bus came back");
        clock.Advance(Limit);
        Check.That(await progress.StalledAsync(Limit, back, CancellationToken.None) is not null, "not stalled though publishes failed for longer than the limit after the bus came back");
    }

    /// <summary>Stored mentions in a fresh database (or <paramref name="existing"/>); returns the database and their ids.</summary>
    private async Task<(NpgsqlDataSource, List<long>)> MentionsAsync(int count, NpgsqlDataSource? existing = null)
    {
        var dataSource = existing ?? NpgsqlDataSource.Create(await servers.CreateDatabaseAsync());
        if (existing is null)
        {
            await new Migrator(dataSource).MigrateAsync(CancellationToken.None);
            await using var source = dataSource.CreateCommand("insert into sources (id, platform) values ('s', 'replay')");
            await source.ExecuteNonQueryAsync();
        }

        var ids = new List<long>();
        await using var command = dataSource.CreateCommand(
            """
            insert into mentions (source_id, platform, external_id, text, posted_at, first_seen_at, raw_payload, raw_sha256)
            select 's', 'replay', gen_random_uuid()::text, 'a post', now(), now(), '{}', 'x' from generate_series(1, @n)
            returning id
            """);
        command.Parameters.AddWithValue("n", count);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        return (dataSource, ids);
    }
}
