using MentionWatch.Persistence;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace MentionWatch.IntegrationTests.Persistence;

[Collection(ServersCollection.Name)]
public sealed class DatabaseRolesTests(ServersFixture servers)
{
    private const string InsufficientPrivilege = "42501";

    [Fact]
    // The schema's owner migrates; the service's own role works with rows but changes neither the schema nor the audit
    // log; and no one, the owner included, can rewrite or delete what the audit log holds.
    public async Task Migrate_AsTheOwner_ServiceRoleWritesRowsButChangesNeitherTheSchemaNorTheAuditLog()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (owner, service, database) = ($"mw_owner_{suffix}", $"mw_service_{suffix}", $"mw_roles_{suffix}");
        await using var admin = NpgsqlDataSource.Create(servers.Postgres);
        await ExecAsync(admin, $"create role {owner} login");
        await ExecAsync(admin, $"create role {service} login");
        await ExecAsync(admin, $"create database {database} owner {owner}");
        string As(string role) => new NpgsqlConnectionStringBuilder(servers.Postgres) { Database = database, Username = role }.ConnectionString;
        try
        {
            await using var runtime = NpgsqlDataSource.Create(As(service));
            var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("ConnectionStrings:PostgresMigrations", As(owner))]).Build();
            await Migrator.Create(configuration, runtime).MigrateAsync(CancellationToken.None);

            await ExecAsync(runtime, "insert into audit_log (at, actor, action, entity_type, detail) values (now(), 'test', 'test.done', 'test', 'kept')");
            await ExecAsync(runtime, "insert into quarantine (source_id, reason, payload, payload_length, payload_sha256, received_at) values ('x', 'r', 'p', 1, '', now())");
            await ExecAsync(runtime, "delete from quarantine");
            (await CountAsync(runtime, "select count(*) from audit_log")).ShouldBe(1);

            foreach (var change in new[] { "update audit_log set detail = 'rewritten'", "delete from audit_log", "truncate audit_log", "create table mine (id int)", "drop table mentions", "delete from schema_migrations" })
            {
                (await Should.ThrowAsync<PostgresException>(() => ExecAsync(runtime, change), change)).SqlState.ShouldBe(InsufficientPrivilege, change);
            }

            await using var owning = NpgsqlDataSource.Create(As(owner));
            (await Should.ThrowAsync<PostgresException>(() => ExecAsync(owning, "delete from audit_log"))).MessageText.ShouldBe("audit_log is append-only: DELETE refused");
            (await Should.ThrowAsync<PostgresException>(() => ExecAsync(owning, "update audit_log set detail = 'x'"))).MessageText.ShouldBe("audit_log is append-only: UPDATE refused");
            (await Should.ThrowAsync<PostgresException>(() => ExecAsync(owning, "truncate audit_log"))).MessageText.ShouldBe("audit_log is append-only: TRUNCATE refused");
            (await CountAsync(owning, "select count(*) from audit_log where detail = 'kept'")).ShouldBe(1);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecAsync(admin, $"drop database if exists {database} with (force)");
            await ExecAsync(admin, $"drop role if exists {service}");
            await ExecAsync(admin, $"drop role if exists {owner}");
        }
    }

    private static async Task ExecAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
