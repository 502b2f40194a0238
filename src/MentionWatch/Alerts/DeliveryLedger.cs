namespace MentionWatch.Alerts;

/// <summary>
/// This process's own deliveries whose outcome is not yet recorded in the database: the claim token each holds, and
/// whether its send already went. When the database fails after a send, the retried message finds here that the
/// delivery went, and records it instead of sending it again; when two messages for one alert arrive together, the
/// second finds the first's attempt under way and leaves it.
/// </summary>
public sealed class DeliveryLedger
{
    private sealed class Entry
    {
        public Guid Token { get; } = Guid.NewGuid();

        public bool Active { get; set; }

        public bool Sent { get; set; }
    }

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>
    /// Starts this process's attempt at <paramref name="key"/>: false when another of its attempts is under way.
    /// <paramref name="token"/> is the claim token to use (the same as an earlier attempt's whose record failed);
    /// <paramref name="alreadySent"/> says that attempt's send went.
    /// </summary>
    public bool TryBegin(string key, out Guid token, out bool alreadySent)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry)) _entries[key] = entry = new Entry();
            token = entry.Token;
            alreadySent = entry.Sent;
            if (entry.Active) return false;
            entry.Active = true;
            return true;
        }
    }

    /// <summary>The send of <paramref name="key"/> went: remembered until its record is written.</summary>
    public void MarkSent(string key)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry)) entry.Sent = true;
        }
    }

    /// <summary>
    /// Ends the attempt. <paramref name="recorded"/>: its outcome is in the database and the entry goes; otherwise it
    /// stays, so the retried message takes the claim over at once, knowing whether the send went.
    /// </summary>
    public void End(string key, bool recorded)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry)) return;
            if (recorded) _entries.Remove(key);
            else entry.Active = false;
        }
    }

    /// <summary>Attempts whose outcome is not yet recorded (for tests and diagnostics).</summary>
    public int Unrecorded
    {
        get
        {
            lock (_gate) return _entries.Count;
        }
    }
}
