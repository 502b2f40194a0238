using System.Diagnostics;
using MentionWatch.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace MentionWatch.Tests.Hosting;

public sealed class TracingTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddTracing(configuration).BuildServiceProvider();
    }

    [Fact]
    public void AddTracing_NoOtlpEndpoint_TracesNothing()
    {
        using var services = Services([]);

        services.GetService<TracerProvider>().ShouldBeNull();
    }

    [Fact]
    public void AddTracing_OtlpEndpointSet_ListensToMassTransitAndNpgsql()
    {
        // Nothing listens on port 1, and no span is started, so nothing is sent.
        using var services = Services(new() { [Tracing.EndpointKey] = "http://127.0.0.1:1" });

        services.GetService<TracerProvider>().ShouldNotBeNull();
        using var massTransit = new ActivitySource(Tracing.MassTransitSource);
        using var npgsql = new ActivitySource(Tracing.NpgsqlSource);
        massTransit.HasListeners().ShouldBeTrue();
        npgsql.HasListeners().ShouldBeTrue();
    }
}
