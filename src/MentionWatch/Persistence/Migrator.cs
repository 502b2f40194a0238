using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace MentionWatch.Persistence;

/// <summary>
/// Applies the numbered SQL files embedded under <c>Persistence/Migrations</c>, each once, in order, each in its own
/// transaction. A session-level advisory lock makes it safe for several instances to start at once: the second
/// waits, then finds nothing left to do.
/// </summary>
/// <remarks>
/// With <c>ConnectionStrings:PostgresMigrations</c> set (see <see cref="Create"/>), the schema is changed only by that
/// role, its owner, and the service's own role (the user of <c>ConnectionStrings:Postgres</c>) is granted what it needs
/// to work and no more after each run: rows of every table, but no schema changes, and on <c>audit_log</c> only
/// select and insert.
/// </remarks>
public sealed partial class Migrator
{
    // An arbitrary constant shared by every MentionWatch instance: "mw" + 1.
    private const long AdvisoryLockKey = 0x6D77_0001;

    private readonly NpgsqlDataSource? _dataSource;
    private readonly string? _ownerConnectionString;
    private readonly string? _runtimeRole;

    /// <summary>Migrates as the role of <paramref name="dataSource"/>, which then owns the schema and runs the service too.</summary>
    public Migrator(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    private Migrator(string ownerConnectionString, string runtimeRole) =>
        (_ownerConnectionString, _runtimeRole) = (ownerConnectionString, runtimeRole);

    /// <summary>
    /// The migrator for a configuration: as the owner role of <c>ConnectionStrings:PostgresMigrations</c>, granting the
    /// runtime role of <paramref name="runtime"/> its privileges, when that is set; otherwise as the runtime role.
    /// </summary>
    public static Migrator Create(IConfiguration configuration, NpgsqlDataSource runtime)
    {
        if (configuration.GetConnectionString("PostgresMigrations") is not { Length: > 0 } owner) return new Migrator(runtime);
        var role = new NpgsqlConnectionStringBuilder(runtime.ConnectionString).Username;
        if (role is null || !RoleName().IsMatch(role))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:Postgres must name its user (letters, digits and _) when ConnectionStrings:PostgresMigrations is set; it names '{role}'.");
        }

        return new Migrator(owner, role);
    }

    /// <summary>Every migration shipped, ordered by version.</summary>
    public static IReadOnlyList<(string Version, string Sql)> Shipped { get; } = LoadShipped();

    /// <summary>Applies what is missing and returns the versions it applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"select pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            // Created only when missing: the service's own role, which has no right to create tables, finds it there.
            await ExecuteAsync(connection, null,
                """
                do $$ begin
                    if to_regclass('schema_migrations') is null then
                        create table schema_migrations (version text primary key, applied_at timestamptz not null default now());
                    end if;
                end $$
                """,
                cancellationToken);
            var applied = new HashSet<string>();
            await using (var read = new NpgsqlCommand("select version from schema_migrations", connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetString(0));
            }

            var done = new List<string>();
            foreach (var (version, sql) in Shipped.Where(m => !applied.Contains(m.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                try
                {
                    await ExecuteAsync(connection, transaction, sql, cancellationToken);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && _runtimeRole is null)
                {
                    throw new InvalidOperationException(
                        $"Migration {version} needs the schema's owner: run `mentionwatch migrate` with ConnectionStrings:PostgresMigrations set ({e.MessageText}).", e);
                }

                await using var record = new NpgsqlCommand("insert into schema_migrations (version) values (@v)", connection, transaction);
                record.Parameters.AddWithValue("v", version);
                await record.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                done.Add(version);
            }

            if (_runtimeRole is not null) await ExecuteAsync(connection, null, RuntimeGrants(_runtimeRole), cancellationToken);
            return done;
        }
        finally
        {
            await ExecuteAsync(connection, null, $"select pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    /// <summary>
    /// What the service's own role may do: read and write the rows of every table and use their sequences, never change
    /// the schema (PostgreSQL 15 gives no one but the owner CREATE on <c>public</c>), and only read and add to the audit
    /// log and the migration record. Granted again after every run, so the tables of a new migration are covered.
    /// </summary>
    private static string RuntimeGrants(string role) =>
        $"""
        grant usage on schema public to "{role}";
        grant select, insert, update, delete on all tables in schema public to "{role}";
        grant usage, select on all sequences in schema public to "{role}";
        revoke update, delete, truncate on audit_log from "{role}";
        revoke insert, update, delete, truncate on schema_migrations from "{role}";
        """;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex RoleName();

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        if (_dataSource is not null) return await _dataSource.OpenConnectionAsync(ct);
        var connection = new NpgsqlConnection(_ownerConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static List<(string, string)> LoadShipped()
    {
        var assembly = typeof(Migrator).Assembly;
        const string prefix = "MentionWatch.Persistence.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[prefix.Length..^4], Read(assembly, n)))
            .Append(("0002_quartz_tables", QuartzTables()))
            .ToList();
    }

    /// <summary>
    /// The tables of Quartz's clustered PostgreSQL job store, from the script Quartz ships (it only creates what is
    /// missing), with the default <c>qrtz_</c> prefix.
    /// </summary>
    private static string QuartzTables()
    {
        var script = Read(typeof(Quartz.IJob).Assembly, "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql");
        return script.Replace("{0}", "qrtz_", StringComparison.Ordinal).Replace("{1}", "qrtz_", StringComparison.Ordinal)
            .Replace("--;;", ";", StringComparison.Ordinal);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
