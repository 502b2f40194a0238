// Two collections, run side by side: the fault tests (on servers of their own) mostly wait for a server to stop, start
// or catch up, and that waiting overlaps the other tests' work. Within a collection tests run one at a time.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]

namespace MentionWatch.IntegrationTests;

/// <summary>The fault tests: one server pair of their own, which they stop and start.</summary>
[CollectionDefinition(Name)]
public sealed class FaultsCollection : ICollectionFixture<FaultServersFixture>
{
    public const string Name = "faults";
}
