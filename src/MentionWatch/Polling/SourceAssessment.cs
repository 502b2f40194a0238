namespace MentionWatch.Polling;

/// <summary>
/// The watch's verdict on one source: whether it is silent (not polling successfully) or quiet (polling, but
/// bringing nothing for far longer than its rhythm), each with the reason in plain words. Pure, so it is tested
/// without servers.
/// </summary>
public sealed record SourceAssessment(string? Silent, string? Quiet)
{
    public static SourceAssessment Of(SourceSnapshot s, DateTimeOffset now, SourceWatchOptions options)
    {
        var silentLimit = Max(options.SilentMinimum, s.Interval * options.SilentIntervals);
        var since = s.LastSuccessAt ?? s.WatchedSince;
        string? silent = null;
        if (now - Max(since, s.WatchStartedAt) > silentLimit)
        {
            var what = s.LastSuccessAt is null ? "has never polled successfully" : $"has not polled successfully since {since:u}";
            var why = s.BackoffUntil is { } until && until > now
                ? $"; the platform asked us to wait until {until:u} ({s.LastError})"
                : s.LastError is not null && s.LastErrorAt >= since ? $"; last error: {s.LastError}" : "; no error recorded (is the scheduler running?)";
            silent = $"{what} (limit {Words(silentLimit)}){why}";
        }

        string? quiet = null;
        if (silent is null && s.LastItemAt is { } last && s.GapCount >= options.RhythmMinimumGaps && s.UsualLongestGap is { } usual)
        {
            var quietLimit = Max(options.QuietMinimum, usual * options.QuietFactor);
            if (now - Max(last, s.WatchStartedAt) > quietLimit)
                quiet = $"polls succeed but nothing new has arrived since {last:u}, {Words(now - last)} (its usual longest gap is {Words(usual)})";
        }

        return new SourceAssessment(silent, quiet);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string Words(TimeSpan span) => span.TotalHours >= 48
        ? $"{span.TotalDays:0.#} days"
        : span.TotalMinutes >= 120 ? $"{span.TotalHours:0.#} hours" : $"{span.TotalMinutes:0} minutes";
}
