// Collections would otherwise run in parallel: on two cores the fault tests run after or before the others, never beside them.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace MentionWatch.IntegrationTests;

/// <summary>The fault tests: one server pair of their own, which they stop and start.</summary>
[CollectionDefinition(Name)]
public sealed class FaultsCollection : ICollectionFixture<FaultServersFixture>
{
    public const string Name = "faults";
}
