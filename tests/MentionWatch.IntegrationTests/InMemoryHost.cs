using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace MentionWatch.IntegrationTests;

/// <summary>
/// The settings every in-memory host of the tests shares (<c>WebApplicationFactory</c>: the web pages, the webhook):
/// the real service on a fresh database, the sample trust, quiet logs, the test's clock, and no hosted services —
/// no Quartz and no broker — so a test sees exactly the rows it wrote. The whole service with its jobs and the broker
/// is <see cref="Pipeline"/>.
/// </summary>
internal static class InMemoryHost
{
    public static void Configure(IWebHostBuilder builder, string connectionString, TimeProvider clock)
    {
        builder.UseSetting("ConnectionStrings:Postgres", connectionString);
        // Never contacted: the bus's hosted service is removed below.
        builder.UseSetting("ConnectionStrings:RabbitMq", "amqp://127.0.0.1:1/");
        builder.UseSetting("Trust:ProfilePath", RepoPaths.Combine("deploy/sample/trust.json"));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // The default teams, whose alerts go to the console only.
        builder.UseSetting("Alerts:DemoMode", "true");
        // Tests sign in often from one client; the sign-in rate limit has a test of its own.
        builder.UseSetting("Web:SignInsPerClient", "10000");
        builder.ConfigureTestServices(s =>
        {
            s.RemoveAll<IHostedService>();
            s.AddSingleton(clock);
        });
    }
}
