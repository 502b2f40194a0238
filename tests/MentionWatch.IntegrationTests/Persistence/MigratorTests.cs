using MentionWatch.Persistence;
using Npgsql;

namespace MentionWatch.IntegrationTests.Persistence;

[Collection(ServersCollection.Name)]
public sealed class MigratorTests(ServersFixture servers)
{
    [Fact]
    public async Task MigrateAsync_EmptyDatabase_AppliesEveryMigrationThenNothingOnRerun()
    {
        await using var dataSource = NpgsqlDataSource.Create(await servers.CreateEmptyDatabaseAsync());
        var migrator = new Migrator(dataSource);

        var first = await migrator.MigrateAsync(CancellationToken.None);
        var second = await migrator.MigrateAsync(CancellationToken.None);

        first.ShouldBe(Migrator.Shipped.Select(m => m.Version).ToList());
        second.ShouldBeEmpty();
        await using var command = dataSource.CreateCommand(
            "select count(*) from information_schema.tables where table_name in ('mentions','verdicts','alerts','deliveries','quarantine','audit_log','sources','qrtz_triggers')");
        (await command.ExecuteScalarAsync()).ShouldBe(8L);
    }

    [Fact]
    public async Task MigrateAsync_TwoInstancesAtOnce_EachMigrationAppliedOnce()
    {
        await using var dataSource = NpgsqlDataSource.Create(await servers.CreateEmptyDatabaseAsync());

        var results = await Task.WhenAll(new Migrator(dataSource).MigrateAsync(CancellationToken.None), new Migrator(dataSource).MigrateAsync(CancellationToken.None));

        results.Sum(r => r.Count).ShouldBe(Migrator.Shipped.Count);
    }
}
