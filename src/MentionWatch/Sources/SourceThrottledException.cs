namespace MentionWatch.Sources;

/// <summary>The platform asked us to wait (429, quota exhausted, usage limits): the source backs off until <see cref="Until"/>.</summary>
public sealed class SourceThrottledException : Exception
{
    public SourceThrottledException(DateTimeOffset until, string reason) : base(reason) => Until = until;

    public SourceThrottledException() : this(DateTimeOffset.MinValue, "throttled") { }

    public SourceThrottledException(string message) : this(DateTimeOffset.MinValue, message) { }

    public SourceThrottledException(string message, Exception innerException) : base(message, innerException) { }

    public DateTimeOffset Until { get; }
}
