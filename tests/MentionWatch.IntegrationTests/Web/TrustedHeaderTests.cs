using System.Net;
using MentionWatch.Web.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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

    [Theory]
    // Development (the tests' default): plain HTTP is fine.
    [InlineData("Development", "http://localhost:8080/", false, CookieSecurePolicy.SameAsRequest)]
    // Anywhere else: the cookies are sent over https only, and the antiforgery system refuses to issue one over HTTP.
    [InlineData("Production", "https://mentionwatch.example.nhs.uk/", false, CookieSecurePolicy.Always)]
    // ...unless plain HTTP is allowed for a trial on one machine.
    [InlineData("Production", "http://localhost:8080/", true, CookieSecurePolicy.SameAsRequest)]
    public async Task Cookies_OutsideDevelopment_SentOverHttpsOnly(string environment, string publicAddress, bool allowPlainHttp, CookieSecurePolicy policy)
    {
        await using var app = await WebApp.StartAsync(servers);
        await using var deployed = Deployed(app, environment, publicAddress, allowPlainHttp);
        var https = deployed.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost/") });

        var signIn = await https.GetAsync("/signin");

        signIn.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("mw-af=", StringComparison.Ordinal) && c.Contains("; secure", StringComparison.Ordinal));
        deployed.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme)
            .Cookie.SecurePolicy.ShouldBe(policy);
        deployed.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.SecurePolicy.ShouldBe(policy);
    }

    [Fact]
    public async Task Start_OutsideDevelopmentWithAnHttpPublicAddress_RefusedSayingWhatToSet()
    {
        await using var app = MentionWatch.Hosting.MentionWatchHost.Build(
        [
            $"--ConnectionStrings:Postgres={await servers.CreateDatabaseAsync()}", $"--ConnectionStrings:RabbitMq={servers.RabbitMq}",
            "--environment=Production", "--Alerts:DemoMode=true", "--urls=http://127.0.0.1:0",
            "--Routing:PublicBaseAddress=http://mentionwatch.example.nhs.uk/",
        ]);

        var refused = (await Should.ThrowAsync<AggregateException>(() => app.StartAsync()))
            .InnerExceptions.OfType<OptionsValidationException>().First(e => e.OptionsType == typeof(MentionWatch.Routing.RoutingOptions));

        refused.Message.ShouldContain("Routing:PublicBaseAddress is http://mentionwatch.example.nhs.uk/");
        refused.Message.ShouldContain("must be https");
    }

    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Deployed(WebApp app, string environment, string publicAddress, bool allowPlainHttp) =>
        app.WithWebHostBuilder(b =>
        {
            b.UseEnvironment(environment);
            b.UseSetting("Routing:PublicBaseAddress", publicAddress);
            b.UseSetting("Web:AllowPlainHttp", allowPlainHttp ? "true" : "false");
        });

    /// <summary>The app with trusted-header mode set, seeing every request as coming from <paramref name="remote"/>.</summary>
    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> BehindProxy(WebApp app, bool enabled, string remote) =>
        app.BehindProxy(Proxy, remote, ("Web:TrustedHeader:Enabled", enabled ? "true" : "false"));
}
