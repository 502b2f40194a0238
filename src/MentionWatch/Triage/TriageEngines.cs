using Npgsql;

namespace MentionWatch.Triage;

/// <summary>
/// Supplies the classifier built from the trust profile file plus the live entries of the register of official
/// accounts kept in the database (table <c>official_accounts</c>), so an account the comms team registers stops
/// being flagged as a fake. The engine is rebuilt at most every <see cref="RefreshEvery"/> (another instance may
/// have edited the register) or at once after an edit here (<see cref="Invalidate"/>). If the database cannot be
/// read, the last engine (or the profile alone) is used: classification never stops for the register.
/// </summary>
public sealed class TriageEngines(TrustProfile profile, NpgsqlDataSource dataSource, TimeProvider time, ILogger<TriageEngines> logger)
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private volatile Snapshot? _current;

    /// <summary>The engine for now. Loading the register is a small synchronous query, done once a minute at most.</summary>
    public TriageEngine Current
    {
        get
        {
            var now = time.GetUtcNow();
            var snapshot = _current;
            if (snapshot is not null && now - snapshot.LoadedAt < RefreshEvery) return snapshot.Engine;
            lock (_gate)
            {
                snapshot = _current;
                if (snapshot is not null && now - snapshot.LoadedAt < RefreshEvery) return snapshot.Engine;
                TriageEngine engine;
                try
                {
                    engine = TriageEngine.Create(WithRegister(profile, LoadRegister()));
                }
                catch (NpgsqlException e)
                {
                    Log.RegisterUnreadable(logger, e);
                    engine = snapshot?.Engine ?? TriageEngine.Create(profile);
                }

                _current = new Snapshot(engine, now);
                return engine;
            }
        }
    }

    /// <summary>Forgets the engine so the next classification reads the register again (called after an edit).</summary>
    public void Invalidate() => _current = null;

    /// <summary>The profile with the registered accounts added to those of the file.</summary>
    public static TrustProfile WithRegister(TrustProfile profile, IEnumerable<OfficialAccount> registered) =>
        profile with { OfficialAccounts = profile.OfficialAccounts.Concat(registered).ToList() };

    private List<OfficialAccount> LoadRegister()
    {
        using var command = dataSource.CreateCommand("select platform, handle, display_name from official_accounts where retired_at is null");
        using var reader = command.ExecuteReader();
        var accounts = new List<OfficialAccount>();
        while (reader.Read())
        {
            accounts.Add(new OfficialAccount { Platform = reader.GetString(0), Handle = reader.GetString(1), DisplayName = reader.IsDBNull(2) ? null : reader.GetString(2) });
        }

        return accounts;
    }

    private sealed record Snapshot(TriageEngine Engine, DateTimeOffset LoadedAt);
}
