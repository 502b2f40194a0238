using MentionWatch.Foi;
using MentionWatch.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MentionWatch.IntegrationTests.Foi;

/// <summary>A fresh, migrated database with the FOI case service over it and a clock the test moves.</summary>
internal sealed class FoiDatabase : IAsyncDisposable
{
    private FoiDatabase(string connectionString, NpgsqlDataSource dataSource, TestClock time)
    {
        ConnectionString = connectionString;
        DataSource = dataSource;
        Time = time;
        Clock = FoiClock.Default;
        Cases = new FoiCases(Clock, time, NullLogger<FoiCases>.Instance);
        Service = new FoiCaseService(dataSource, Cases, Clock, time, NullLogger<FoiCaseService>.Instance);
    }

    public string ConnectionString { get; }
    public NpgsqlDataSource DataSource { get; }
    public TestClock Time { get; }
    public FoiClock Clock { get; }
    public FoiCases Cases { get; }
    public FoiCaseService Service { get; }

    public static async Task<FoiDatabase> CreateAsync(ServersFixture servers, DateTimeOffset now)
    {
        var connectionString = await servers.CreateDatabaseAsync();
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await new Migrator(dataSource).MigrateAsync(CancellationToken.None);
        return new FoiDatabase(connectionString, dataSource, new TestClock(now));
    }

    /// <summary>Stores a post as the poller would; returns its id.</summary>
    public async Task<long> InsertMentionAsync(string externalId, DateTimeOffset postedAt, DateTimeOffset firstSeenAt, string handle = "requester")
    {
        await using var command = DataSource.CreateCommand(
            """
            insert into sources (id, platform) values ('test', 'x') on conflict do nothing;
            insert into mentions (source_id, platform, external_id, author_handle, text, posted_at, first_seen_at, raw_payload, raw_sha256)
            values ('test', 'x', @external_id, @handle, 'Under the FOI Act please send me…', @posted_at, @first_seen_at, '{}', 'x')
            returning id
            """);
        command.Parameters.AddWithValue("external_id", externalId);
        command.Parameters.AddWithValue("handle", handle);
        command.Parameters.AddWithValue("posted_at", postedAt.ToUniversalTime());
        command.Parameters.AddWithValue("first_seen_at", firstSeenAt.ToUniversalTime());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Opens the case for a mention in its own transaction, as the classify consumer does.</summary>
    public async Task<long?> OpenForMentionAsync(long mentionId)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var id = await Cases.OpenForMentionAsync(connection, transaction, mentionId, CancellationToken.None);
        await transaction.CommitAsync();
        return id;
    }

    public Task<long> CountAsync(string sql) => FoiHost.CountAsync(DataSource, sql);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
