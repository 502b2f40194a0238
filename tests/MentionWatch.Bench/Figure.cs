namespace MentionWatch.Bench;

/// <summary>One row of the bench's table.</summary>
internal sealed record Figure(string Measure, string Value, string Target, bool? Met)
{
    /// <summary>A throughput, in mentions per second, to be read as a share of the ceilings.</summary>
    public double? PerSecond { get; init; }

    /// <summary>The goal as a share of the slower ceiling; met or not is decided once the run's ceilings are known.</summary>
    public double? GoalOfSlower { get; init; }
}
