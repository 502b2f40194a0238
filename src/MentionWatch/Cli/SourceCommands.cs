using System.CommandLine;
using MassTransit;
using MentionWatch.Hosting;
using MentionWatch.Metrics;
using MentionWatch.Persistence;
using MentionWatch.Polling;
using MentionWatch.Sources;
using MentionWatch.Sources.Replay;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace MentionWatch.Cli;

/// <summary>
/// <c>mentionwatch poll SOURCE --once</c>: polls one configured source once against the real database, through
/// the same poll job the service runs (backoff, quarantine, cursor), and prints what it stored and the new cursor,
/// so an operator can check a new source (even a disabled one) before scheduling it. Nothing is published: the
/// running service's sweeper publishes the new mentions for classification.
/// </summary>
internal static class SourceCommands
{
    public static IEnumerable<Command> Create()
    {
        var sourceId = new Argument<string>("source") { Description = "Id of a configured source (Sources:N:Id)." };
        var once = new Option<bool>("--once") { Description = "Poll once and exit (the only mode: scheduling is the service's job).", Required = true };
        var poll = new Command("poll", "Poll one configured source once and print what was stored and the new cursor.");
        poll.Arguments.Add(sourceId);
        poll.Options.Add(once);
        poll.TreatUnmatchedTokensAsErrors = false;
        poll.SetAction((pr, ct) => PollOnceAsync(pr.GetValue(sourceId)!, [.. pr.UnmatchedTokens], Console.Out, ct));

        var health = new Command("sources", "Show each configured source's health: last success, last error, backoff, items, open incidents.");
        health.TreatUnmatchedTokensAsErrors = false;
        health.SetAction((pr, ct) => ShowHealthAsync([.. pr.UnmatchedTokens], Console.Out, ct));
        return [poll, health];
    }

    /// <summary>One block per configured source with its stored health; sources never polled say so.</summary>
    public static async Task<int> ShowHealthAsync(string[] configArgs, TextWriter output, CancellationToken ct, TimeProvider? time = null)
    {
        var configuration = Configuration(configArgs);
        if (configuration.GetConnectionString("Postgres") is not { } connectionString)
        {
            await output.WriteLineAsync("ConnectionStrings:Postgres is not set.");
            return 2;
        }

        var sources = new List<SourceSettings>();
        configuration.GetSection("Sources").Bind(sources);
        await using var database = NpgsqlDataSource.Create(connectionString);
        foreach (var source in sources)
        {
            await output.WriteLineAsync($"{source.Id} ({source.Platform}, every {source.IntervalSeconds} s{(source.Enabled ? "" : ", disabled")})");
            await using var command = database.CreateCommand(
                """
                select s.last_success_at, s.last_error_at, s.last_error, s.backoff_until, s.items_last_poll, s.consecutive_failures,
                       (select string_agg(kind || ' since ' || to_char(opened_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI'), ', ')
                        from source_incidents i where i.source_id = s.id and i.closed_at is null)
                from sources s where s.id = @id
                """);
            command.Parameters.AddWithValue("id", source.Id);
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                await output.WriteLineAsync("  never polled");
                continue;
            }

            await output.WriteLineAsync($"  last success: {(reader.IsDBNull(0) ? "never" : $"{reader.GetFieldValue<DateTimeOffset>(0):u}")}; items last poll: {reader.GetInt32(4)}; failures in a row: {reader.GetInt32(5)}");
            if (!reader.IsDBNull(2)) await output.WriteLineAsync($"  last error ({reader.GetFieldValue<DateTimeOffset>(1):u}): {reader.GetString(2)}");
            if (!reader.IsDBNull(3)) await output.WriteLineAsync($"  backing off until {reader.GetFieldValue<DateTimeOffset>(3):u}");
            if (!reader.IsDBNull(6)) await output.WriteLineAsync($"  open incident: {reader.GetString(6)}");
        }

        await ShowSharedLimitsAsync(database, (time ?? TimeProvider.System).GetUtcNow(), output, ct);
        return 0;
    }

    /// <summary>Shared limits (a Meta token, Page or app, a YouTube key) a platform said were reached, while they last.</summary>
    private static async Task ShowSharedLimitsAsync(NpgsqlDataSource database, DateTimeOffset now, TextWriter output, CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            "select scope, until, reason, source_id from throttle_scopes where until > @now order by until desc");
        command.Parameters.AddWithValue("now", now);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            var first = true;
            while (await reader.ReadAsync(ct))
            {
                if (first) await output.WriteLineAsync("shared limits reached (every source sharing one waits):");
                first = false;
                await output.WriteLineAsync(
                    $"  {reader.GetString(0)} until {reader.GetFieldValue<DateTimeOffset>(1):u}, answered to {reader.GetString(3)}: {reader.GetString(2)}");
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // A database not yet migrated to shared limits has none to show.
        }
    }

    private static IConfigurationRoot Configuration(string[] configArgs) =>
        new ConfigurationBuilder().AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables().AddCommandLine(configArgs).Build();

    /// <summary>Polls <paramref name="sourceId"/> once; <paramref name="configArgs"/> are configuration overrides (<c>--Key=value</c>).</summary>
    public static async Task<int> PollOnceAsync(string sourceId, string[] configArgs, TextWriter output, CancellationToken ct)
    {
        var configuration = Configuration(configArgs);
        var sources = new List<SourceSettings>();
        configuration.GetSection("Sources").Bind(sources);
        var source = sources.FirstOrDefault(s => s.Id == sourceId);
        if (source is null)
        {
            await output.WriteLineAsync($"No source '{sourceId}' is configured. Configured: {string.Join(", ", sources.Select(s => s.Id))}");
            return 2;
        }

        if (configuration.GetConnectionString("Postgres") is null)
        {
            await output.WriteLineAsync("ConnectionStrings:Postgres is not set.");
            return 2;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Error));
        services.AddStorage(configuration).AddSourceAdapters(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMentionSource, ReplaySource>());
        services.AddOptions<PollingOptions>().Bind(configuration.GetSection("Polling")).Configure(o =>
        {
            o.Sources.Add(source);
            o.PublishTimeout = TimeSpan.Zero; // no broker here: the service's sweeper publishes
        });
        services.AddMassTransit(x => x.UsingInMemory());
        services.AddMentionPublisher();
        services.AddMentionWatchMetrics();
        services.AddScoped<PollSourceJob>();
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<Migrator>().MigrateAsync(ct);
        var database = provider.GetRequiredService<NpgsqlDataSource>();

        var lastId = await ScalarAsync<long>(database, "select max(id) from mentions", ct) ?? 0;
        var lastQuarantine = await ScalarAsync<long>(database, "select max(id) from quarantine", ct) ?? 0;
        await using (var scope = provider.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<PollSourceJob>().PollAsync(source, ct);
            await output.WriteLineAsync($"Source {source.Id} ({source.Platform}): {stored} new mention(s) stored.");
        }

        await using (var command = database.CreateCommand(
            "select id, external_id, posted_at, author_handle, url from mentions where source_id = @source and id > @last order by posted_at"))
        {
            command.Parameters.AddWithValue("source", source.Id);
            command.Parameters.AddWithValue("last", lastId);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                await output.WriteLineAsync(
                    $"  #{reader.GetInt64(0)} {reader.GetString(1)} posted {reader.GetFieldValue<DateTimeOffset>(2):u} by {(reader.IsDBNull(3) ? "?" : reader.GetString(3))} {(reader.IsDBNull(4) ? "" : reader.GetString(4))}");
            }
        }

        await using (var command = database.CreateCommand("select reason from quarantine where source_id = @source and id > @last order by id"))
        {
            command.Parameters.AddWithValue("source", source.Id);
            command.Parameters.AddWithValue("last", lastQuarantine);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) await output.WriteLineAsync($"  quarantined: {reader.GetString(0)}");
        }

        await using (var command = database.CreateCommand(
            "select cursor, last_success_at, last_error, last_error_at, backoff_until from sources where id = @source"))
        {
            command.Parameters.AddWithValue("source", source.Id);
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                await output.WriteLineAsync($"Cursor: {(reader.IsDBNull(0) ? "(none)" : reader.GetString(0))}");
                if (!reader.IsDBNull(1)) await output.WriteLineAsync($"Last success: {reader.GetFieldValue<DateTimeOffset>(1):u}");
                if (!reader.IsDBNull(2)) await output.WriteLineAsync($"Last error ({reader.GetFieldValue<DateTimeOffset>(3):u}): {reader.GetString(2)}");
                if (!reader.IsDBNull(4)) await output.WriteLineAsync($"Backing off until {reader.GetFieldValue<DateTimeOffset>(4):u}");
            }
        }

        return 0;
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlDataSource database, string sql, CancellationToken ct)
        where T : struct
    {
        await using var command = database.CreateCommand(sql);
        return await command.ExecuteScalarAsync(ct) is T value ? value : null;
    }
}
