namespace MentionWatch.IntegrationTests;

/// <summary>Every integration test shares one set of servers and runs one at a time (two cores).</summary>
[CollectionDefinition(Name)]
public sealed class ServersCollection : ICollectionFixture<ServersFixture>
{
    public const string Name = "servers";
}
