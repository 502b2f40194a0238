using System.Collections.Concurrent;

namespace MentionWatch.Sources.Http;

/// <summary>
/// What every source on one host owes that host, kept per host (scheme-less authority: <c>www.careopinion.org.uk</c>,
/// <c>127.0.0.1:5123</c>) for the life of the process, so two sources on one host are one client to it:
/// <list type="bullet">
/// <item>a request rate, when the platform documents one (Care Opinion: 5 a second): requests are spaced at least
/// <see cref="Spacing"/> apart, in the order they asked, each waiting on the <see cref="TimeProvider"/> for its turn;</item>
/// <item>a backoff, when the host said to wait (429 or 503 with <c>Retry-After</c>, or a throttle an adapter read from the
/// host's answer): until then no source calls the host, and each that tries is throttled until the same time.</item>
/// </list>
/// The same backoff is kept per shared limit (<see cref="ThrottleScopes"/>: a Meta token, Page or app, a YouTube key):
/// a request naming a scope that is backing off is throttled, whichever source sends it.
/// </summary>
public sealed class HostPoliteness(TimeProvider time)
{
    /// <summary>Share of a request's spacing added as margin, so network jitter cannot squeeze one more into a second.</summary>
    public const double Margin = 0.1;

    private readonly ConcurrentDictionary<string, HostState> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The key of a host: its name, and its port when not the scheme's default.</summary>
    public static string Key(Uri uri) => uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}";

    /// <summary>Time between two requests to a host that allows <paramref name="requestsPerSecond"/>, with the <see cref="Margin"/>.</summary>
    public static TimeSpan Spacing(double requestsPerSecond) => TimeSpan.FromSeconds((1 + Margin) / requestsPerSecond);

    /// <summary>
    /// Waits for this request's turn on its host (none when <paramref name="requestsPerSecond"/> is null), or throws
    /// <see cref="SourceThrottledException"/> while the host is backing off.
    /// </summary>
    public async ValueTask WaitTurnAsync(Uri uri, double? requestsPerSecond, CancellationToken ct, IReadOnlyList<string>? scopes = null)
    {
        ThrowIfBackingOff(scopes ?? []);
        var key = Key(uri);
        var host = _hosts.GetOrAdd(key, _ => new HostState());
        DateTimeOffset turn;
        lock (host)
        {
            var now = time.GetUtcNow();
            if (host.BackoffUntil is { } until && until > now)
                throw new SourceThrottledException(until, $"{key} asked every client to wait until {until:u} ({host.BackoffReason})");
            turn = now;
            if (requestsPerSecond is > 0 and var rate)
            {
                if (host.LastTurn is { } last && last + Spacing(rate) > now) turn = last + Spacing(rate);
                host.LastTurn = turn;
            }
        }

        var wait = turn - time.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, time, ct);
    }

    /// <summary>Backs the host off until <paramref name="until"/> (a later backoff already set is kept).</summary>
    public void BackOff(Uri uri, DateTimeOffset until, string reason) => Extend(Key(uri), until, reason);

    /// <summary>Backs off every source sharing <paramref name="scope"/> (a <see cref="ThrottleScopes"/> key) until <paramref name="until"/>.</summary>
    public void BackOff(string scope, DateTimeOffset until, string reason) => Extend(ScopeKey(scope), until, reason);

    private void Extend(string key, DateTimeOffset until, string reason)
    {
        var state = _hosts.GetOrAdd(key, _ => new HostState());
        lock (state)
        {
            if (state.BackoffUntil is { } current && current >= until) return;
            state.BackoffUntil = until;
            state.BackoffReason = reason;
        }
    }

    /// <summary>Throws <see cref="SourceThrottledException"/> (naming the scope) while any of <paramref name="scopes"/> is backing off.</summary>
    public void ThrowIfBackingOff(IEnumerable<string> scopes)
    {
        var now = time.GetUtcNow();
        foreach (var scope in scopes)
        {
            if (!_hosts.TryGetValue(ScopeKey(scope), out var state)) continue;
            lock (state)
            {
                if (state.BackoffUntil is { } until && until > now)
                    throw new SourceThrottledException(until, state.BackoffReason ?? "throttled") { Scope = scope, Limit = ThrottleScopes.LimitOf(scope) };
            }
        }
    }

    /// <summary>Until when the host is backing off, if it is.</summary>
    public DateTimeOffset? BackoffUntil(Uri uri)
    {
        if (!_hosts.TryGetValue(Key(uri), out var host)) return null;
        lock (host) return host.BackoffUntil is { } until && until > time.GetUtcNow() ? until : null;
    }

    // A space cannot appear in a host name, so a scope never meets a host's key.
    private static string ScopeKey(string scope) => $"scope {scope}";

    private sealed class HostState
    {
        public DateTimeOffset? LastTurn { get; set; }
        public DateTimeOffset? BackoffUntil { get; set; }
        public string? BackoffReason { get; set; }
    }
}
