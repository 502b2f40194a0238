namespace MentionWatch.Tests.Foi;

/// <summary>A <see cref="TimeProvider"/> stopped at one instant (the testing package is not available here).</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
