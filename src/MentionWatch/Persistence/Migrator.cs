using System.Reflection;
using Npgsql;

namespace MentionWatch.Persistence;

/// <summary>
/// Applies the numbered SQL files embedded under <c>Persistence/Migrations</c>, each once, in order, each in its own
/// transaction. A session-level advisory lock makes it safe for several instances to start at once: the second
/// waits, then finds nothing left to do.
/// </summary>
public sealed class Migrator(NpgsqlDataSource dataSource)
{
    // An arbitrary constant shared by every MentionWatch instance: "mw" + 1.
    private const long AdvisoryLockKey = 0x6D77_0001;

    /// <summary>Every migration shipped, ordered by version.</summary>
    public static IReadOnlyList<(string Version, string Sql)> Shipped { get; } = LoadShipped();

    /// <summary>Applies what is missing and returns the versions it applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"select pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null,
                "create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())",
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
                await ExecuteAsync(connection, transaction, sql, cancellationToken);
                await using var record = new NpgsqlCommand("insert into schema_migrations (version) values (@v)", connection, transaction);
                record.Parameters.AddWithValue("v", version);
                await record.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                done.Add(version);
            }

            return done;
        }
        finally
        {
            await ExecuteAsync(connection, null, $"select pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
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
