namespace MentionWatch.Bench;

/// <summary>
/// The servers' own limits in one run: rows of mentions PostgreSQL inserts per second and messages RabbitMQ publishes
/// with confirms and delivers per second. Every mention costs the pipeline at least one of each.
/// </summary>
internal sealed record Ceilings(double PostgresPerSecond, double RabbitMqPerSecond)
{
    public double Slower => Math.Min(PostgresPerSecond, RabbitMqPerSecond);

    public string SlowerName => PostgresPerSecond <= RabbitMqPerSecond ? "PostgreSQL" : "RabbitMQ";

    /// <summary>Measured before and after the service's phases: on a shared machine either alone can catch a busy moment.</summary>
    public static Ceilings Mean(Ceilings a, Ceilings b) =>
        new((a.PostgresPerSecond + b.PostgresPerSecond) / 2, (a.RabbitMqPerSecond + b.RabbitMqPerSecond) / 2);
}
