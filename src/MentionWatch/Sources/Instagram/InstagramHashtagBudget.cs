using System.Collections.Concurrent;

namespace MentionWatch.Sources.Instagram;

/// <summary>
/// Instagram allows an account to query at most <see cref="Limit"/> unique hashtags in 7 days
/// (<c>ig_hashtag_search</c>). Counted here per Instagram account for the life of the process; a hashtag's id, once
/// found, is kept in its source's cursor, so a restart does not search (or count) it again.
/// </summary>
public sealed class InstagramHashtagBudget(TimeProvider time)
{
    public const int Limit = 30;

    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    private readonly ConcurrentDictionary<string, Dictionary<string, DateTimeOffset>> _searched = new(StringComparer.Ordinal);

    /// <summary>
    /// Counts a search for <paramref name="hashtag"/> by <paramref name="userId"/>, or throws
    /// <see cref="SourceThrottledException"/> until a place frees when the account has searched 30 others in 7 days.
    /// </summary>
    public void Spend(string userId, string hashtag)
    {
        var searched = _searched.GetOrAdd(userId, _ => new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase));
        lock (searched)
        {
            var now = time.GetUtcNow();
            foreach (var old in searched.Where(s => s.Value <= now - Window).Select(s => s.Key).ToList()) searched.Remove(old);
            if (searched.ContainsKey(hashtag)) return;
            if (searched.Count >= Limit)
            {
                var frees = searched.Values.Min() + Window;
                throw new SourceThrottledException(frees,
                    $"Instagram account {userId} has searched {searched.Count} unique hashtags in 7 days (Instagram allows {Limit}); #{hashtag} is not searched before {frees:u}");
            }

            searched[hashtag] = now;
        }
    }

    /// <summary>Unique hashtags <paramref name="userId"/> searched in the last 7 days.</summary>
    public int Used(string userId)
    {
        if (!_searched.TryGetValue(userId, out var searched)) return 0;
        var since = time.GetUtcNow() - Window;
        lock (searched) return searched.Values.Count(t => t > since);
    }
}
