using Npgsql;

namespace MentionWatch.Messaging;

/// <summary>
/// Whether messages are moving, for <see cref="BusLivenessCheck"/>. After a RabbitMQ restart, MassTransit 8.5.12
/// can report its bus healthy while it has no consumer on any queue and every publish times out (seen in
/// <c>BrokerFaultTests</c>: 1,202 messages ready, 0 consumers, for three minutes). Two signs tell it:
/// <list type="bullet">
/// <item>publishing has failed ever since some moment, with no success after it;</item>
/// <item>mentions this instance published are still without a verdict, and its classify consumer has taken nothing
/// since they were published. Another instance classifying them counts as progress, so a quiet instance beside a busy
/// one is not restarted; the database is read only once such mentions have waited past the limit.</item>
/// </list>
/// </summary>
public sealed class MessagingProgress(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>Mentions remembered per wait: enough to tell, few enough to look up by key.</summary>
    private const int Remembered = 32;

    private readonly Lock _gate = new();
    private readonly List<long> _waiting = [];
    private DateTimeOffset _waitingSince;
    private DateTimeOffset _lastConsumed;
    private DateTimeOffset? _failingSince;

    /// <summary>Called by the classify consumer as it takes a batch.</summary>
    public void Consumed()
    {
        lock (_gate)
        {
            _lastConsumed = time.GetUtcNow();
            _waiting.Clear();
        }
    }

    /// <summary>Called once the broker has confirmed a publish; <paramref name="mentionIds"/> are the mentions it announced, if any.</summary>
    public void Published(IReadOnlyList<long> mentionIds)
    {
        lock (_gate)
        {
            _failingSince = null;
            if (mentionIds.Count == 0 || _waiting.Count >= Remembered) return;
            if (_waiting.Count == 0) _waitingSince = time.GetUtcNow();
            _waiting.AddRange(mentionIds.Take(Remembered - _waiting.Count));
        }
    }

    /// <summary>Called when a publish to a bus that reported itself healthy failed.</summary>
    public void PublishFailed()
    {
        lock (_gate) _failingSince ??= time.GetUtcNow();
    }

    /// <summary>
    /// A reason when, for longer than <paramref name="limit"/> counted from no earlier than
    /// <paramref name="healthySince"/> (when the bus last came back), publishing has failed throughout or mentions
    /// this instance published wait unclassified while its consumer takes nothing; null while messages move.
    /// </summary>
    public async Task<string?> StalledAsync(TimeSpan limit, DateTimeOffset healthySince, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        long[] ids;
        DateTimeOffset since, lastConsumed;
        lock (_gate)
        {
            if (_failingSince is { } failing && now - Later(failing, healthySince) > limit)
            {
                return $"every publish has failed since {failing:O}";
            }

            if (_waiting.Count == 0 || now - Later(_waitingSince, healthySince) <= limit) return null;
            (ids, since, lastConsumed) = (_waiting.ToArray(), _waitingSince, _lastConsumed);
        }

        long unclassified;
        try
        {
            await using var command = dataSource.CreateCommand(
                "select count(*) from unnest(@ids) as w(id) where not exists (select 1 from verdicts v where v.mention_id = w.id)");
            command.Parameters.AddWithValue("ids", ids);
            unclassified = Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (NpgsqlException)
        {
            // The database is down: readiness reports that, and a restart would not help.
            return null;
        }

        if (unclassified == 0)
        {
            // Another instance classified them: progress, so start watching afresh.
            lock (_gate)
            {
                if (_waitingSince == since) _waiting.Clear();
            }

            return null;
        }

        var consumed = lastConsumed == default ? "never" : $"last at {lastConsumed:O}";
        return $"{unclassified} of the mentions it published since {since:O} have no verdict and its classifier has taken nothing since ({consumed})";
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
