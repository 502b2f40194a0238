namespace MentionWatch.Sources;

/// <summary>
/// The platform asked us to wait (429, quota exhausted, usage limits): the source backs off until <see cref="Until"/>, and
/// with it every source sharing <see cref="Scope"/> when the limit is a token's, an account's or an app's.
/// </summary>
public sealed class SourceThrottledException : Exception
{
    public SourceThrottledException(DateTimeOffset until, string reason) : base(reason) => Until = until;

    public SourceThrottledException() : this(DateTimeOffset.MinValue, "throttled") { }

    public SourceThrottledException(string message) : this(DateTimeOffset.MinValue, message) { }

    public SourceThrottledException(string message, Exception innerException) : base(message, innerException) { }

    public DateTimeOffset Until { get; }

    /// <summary>Which limit the platform said was reached: the source's own, or one it shares with others.</summary>
    public Http.LimitScope Limit { get; init; }

    /// <summary>The key of the shared limit reached (<see cref="Http.ThrottleScopes"/>), when the limit is shared.</summary>
    public string? Scope { get; init; }
}
