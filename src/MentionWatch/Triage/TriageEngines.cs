using Npgsql;

namespace MentionWatch.Triage;

/// <summary>
/// Supplies the classifier built from the trust profile file plus the live entries of the register of official
/// accounts kept in the database (table <c>official_accounts</c>), so an account the comms team registers stops
/// being flagged as a fake. The register is read again at most every <see cref="RefreshEvery"/> (another instance may
/// have edited it) or at once after an edit here (<see cref="Invalidate"/>); the engine is rebuilt only when the
/// register read differs, since each build makes new linear-time automata that cost megabytes and warm up again.
/// If the database cannot be read, the last engine (or the profile alone) is used: classification never stops for
/// the register.
/// </summary>
public sealed class TriageEngines
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(1);

    private readonly TrustProfile _profile;
    private readonly Func<List<OfficialAccount>> _loadRegister;
    private readonly TimeProvider _time;
    private readonly ILogger<TriageEngines> _logger;
    private readonly Lock _gate = new();
    private volatile Snapshot? _current;

    public TriageEngines(TrustProfile profile, NpgsqlDataSource dataSource, TimeProvider time, ILogger<TriageEngines> logger)
        : this(profile, () => LoadRegister(dataSource), time, logger)
    {
    }

    /// <summary>With the register read by <paramref name="loadRegister"/> (tests).</summary>
    internal TriageEngines(TrustProfile profile, Func<List<OfficialAccount>> loadRegister, TimeProvider time, ILogger<TriageEngines> logger)
    {
        _profile = profile;
        _loadRegister = loadRegister;
        _time = time;
        _logger = logger;
    }

    /// <summary>The engine for now. Loading the register is a small synchronous query, done once a minute at most.</summary>
    public TriageEngine Current
    {
        get
        {
            var now = _time.GetUtcNow();
            var snapshot = _current;
            if (snapshot is not null && now - snapshot.LoadedAt < RefreshEvery) return snapshot.Engine;
            lock (_gate)
            {
                snapshot = _current;
                if (snapshot is not null && now - snapshot.LoadedAt < RefreshEvery) return snapshot.Engine;
                TriageEngine engine;
                List<OfficialAccount>? register = null;
                try
                {
                    register = _loadRegister();
                    engine = snapshot?.Register is { } last && last.SequenceEqual(register)
                        ? snapshot.Engine
                        : TriageEngine.Create(WithRegister(_profile, register));
                }
                catch (NpgsqlException e)
                {
                    Log.RegisterUnreadable(_logger, e);
                    engine = snapshot?.Engine ?? TriageEngine.Create(_profile);
                    register = snapshot?.Register;
                }

                _current = new Snapshot(engine, now, register);
                return engine;
            }
        }
    }

    /// <summary>Forgets the engine so the next classification reads the register again and rebuilds (called after an edit).</summary>
    public void Invalidate() => _current = null;

    /// <summary>The profile with the registered accounts added to those of the file.</summary>
    public static TrustProfile WithRegister(TrustProfile profile, IEnumerable<OfficialAccount> registered) =>
        profile with { OfficialAccounts = profile.OfficialAccounts.Concat(registered).ToList() };

    private static List<OfficialAccount> LoadRegister(NpgsqlDataSource dataSource)
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

    // Register is the list the engine was built with; null when it was built without reading one.
    private sealed record Snapshot(TriageEngine Engine, DateTimeOffset LoadedAt, List<OfficialAccount>? Register);
}
