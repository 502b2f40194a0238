using System.Net;
using MentionWatch.Web.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MentionWatch.IntegrationTests.Web;

[Collection(ServersCollection.Name)]
public sealed class TrustedHeaderTests(ServersFixture servers)
{
    private const string Proxy = "10.0.0.5";

    [Theory]
    // The proxy vouches for a person who has an account: signed in with the roles held here.
    [InlineData(true, Proxy, "sam@example.nhs.uk", HttpStatusCode.OK)]
    // The same header from anywhere else is ignored: sign in as usual.
    [InlineData(true, "10.0.0.99", "sam@example.nhs.uk", HttpStatusCode.Redirect)]
    // The proxy vouches for someone with no account here: refused.
    [InlineData(true, Proxy, "stranger@nhs.net", HttpStatusCode.Unauthorized)]
    // Trusted-header mode off (the default): the header means nothing.
    [InlineData(false, Proxy, "sam@example.nhs.uk", HttpStatusCode.Redirect)]
    public async Task Inbox_WithProxyHeader_SignedInOnlyFromTrustedProxy(bool enabled, string remote, string email, HttpStatusCode expected)
    {
        await using var app = await WebApp.StartAsync(servers);
        await app.AddUserAsync("sam", Roles.Spa);
        await using var proxied = BehindProxy(app, enabled, remote);
        var client = proxied.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-Email", email);

        var response = await client.GetAsync("/inbox");

        response.StatusCode.ShouldBe(expected);
        if (expected == HttpStatusCode.OK) (await response.Content.ReadAsStringAsync()).ShouldContain("<span>sam</span>");
    }

    [Fact]
    public async Task Api_WithProxyHeaderFromTrustedProxy_StillNeedsAToken()
    {
        await using var app = await WebApp.StartAsync(servers);
        await app.AddUserAsync("sam", Roles.Admin);
        await using var proxied = BehindProxy(app, enabled: true, Proxy);
        var client = proxied.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-Email", "sam@example.nhs.uk");

        (await client.GetAsync("/api/alerts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    // TLS ended at the trusted proxy: HSTS is sent.
    [InlineData(Proxy, true)]
    // Anyone else claiming TLS is not believed.
    [InlineData("10.0.0.99", false)]
    public async Task Hsts_ForwardedHttps_SentOnlyWhenTheProxyIsTrusted(string remote, bool hsts)
    {
        await using var app = await WebApp.StartAsync(servers);
        await using var proxied = BehindProxy(app, enabled: false, remote);
        var client = proxied.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var response = await client.GetAsync("/signin");

        response.Headers.Contains("Strict-Transport-Security").ShouldBe(hsts);
    }

    /// <summary>The app with trusted-header mode set, seeing every request as coming from <paramref name="remote"/>.</summary>
    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> BehindProxy(WebApp app, bool enabled, string remote) =>
        app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Web:TrustedHeader:Enabled", enabled ? "true" : "false");
            b.UseSetting("Web:TrustedHeader:TrustedProxies:0", Proxy);
            b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new RemoteAddress(IPAddress.Parse(remote))));
        });

    /// <summary>Makes every request look as if it came from <paramref name="address"/> (the in-memory server has none).</summary>
    private sealed class RemoteAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
