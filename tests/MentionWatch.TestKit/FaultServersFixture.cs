namespace MentionWatch.TestKit;

/// <summary>
/// A PostgreSQL and RabbitMQ pair of the fault tests' own, always started here: those tests stop and start a
/// server mid-run, which must not disturb the tests sharing <see cref="ServersFixture"/>.
/// </summary>
public sealed class FaultServersFixture : ServersFixture
{
    protected override bool OwnsServers => true;
}
