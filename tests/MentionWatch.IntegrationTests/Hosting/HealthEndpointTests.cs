using System.Net;
using System.Text.Json;

namespace MentionWatch.IntegrationTests.Hosting;

/// <summary>The probes over HTTP, as an orchestrator calls them, on the real servers.</summary>
[Collection(ServersCollection.Name)]
public sealed class HealthEndpointTests(ServersFixture servers)
{
    [Fact]
    public async Task Ready_DatabaseAndBrokerReachable_200WithEachCheck()
    {
        await using var pipeline = await Pipeline.StartAsync(servers, SampleReplay.Write(0, "health-up"));
        using var http = new HttpClient { BaseAddress = pipeline.Address };

        var ready = await http.GetAsync("/health/ready");

        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        var checks = await ChecksAsync(ready);
        checks.ShouldContainKeyAndValue("postgres", "Healthy");
        checks.ShouldContainKeyAndValue("masstransit-bus", "Healthy");
        (await http.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ready_BrokerUnreachable_503NamingTheBus()
    {
        // Nothing listens on port 1: the bus keeps trying to connect, the database is fine.
        await using var pipeline = await Pipeline.StartAsync(servers, SampleReplay.Write(0, "health-down"), rabbitMq: "amqp://guest:guest@127.0.0.1:1/");
        using var http = new HttpClient { BaseAddress = pipeline.Address };

        var ready = await http.GetAsync("/health/ready");

        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var checks = await ChecksAsync(ready);
        checks.ShouldContainKeyAndValue("postgres", "Healthy");
        checks["masstransit-bus"].ShouldBe("Unhealthy");
        // Not live-failing yet: a bus that has been down for less than Messaging:StuckBusAfter is reconnecting.
        (await http.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<Dictionary<string, string>> ChecksAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("checks").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }
}
