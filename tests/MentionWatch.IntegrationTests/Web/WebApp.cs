using System.Net;
using System.Text.RegularExpressions;
using MentionWatch.Persistence;
using MentionWatch.Web.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MentionWatch.IntegrationTests.Web;

/// <summary>
/// The real host (pages, API, PostgreSQL) in memory on a fresh database, without its hosted services: no Quartz
/// polling and no broker, so a test sees exactly the rows it wrote. Helpers sign people in and post forms the way
/// a browser does, antiforgery token included.
/// </summary>
public sealed partial class WebApp : WebApplicationFactory<Program>
{
    public const string Password = "correct horse battery staple";

    private WebApp(string database, bool kestrel)
    {
        // A real socket for the browser tests; the in-memory TestServer otherwise.
        if (kestrel) UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        Database = NpgsqlDataSource.Create(database);
        ConnectionString = database;
    }

    public NpgsqlDataSource Database { get; }
    public string ConnectionString { get; }

    /// <summary>The app's clock: every page reads its "now" here, never from the machine.</summary>
    public TestClock Clock { get; } = new();

    public static async Task<WebApp> StartAsync(ServersFixture servers, bool kestrel = false)
    {
        var app = new WebApp(await servers.CreateDatabaseAsync(), kestrel);
        if (kestrel) app.StartServer();
        await app.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        return app;
    }

    /// <summary>Where Kestrel listens (with <c>kestrel: true</c>).</summary>
    public Uri Address => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder) => InMemoryHost.Configure(builder, ConnectionString, Clock);

    /// <summary>
    /// This app behind a proxy at <paramref name="proxy"/>, listed in <c>Web:TrustedHeader:TrustedProxies</c>, with every
    /// request arriving from <paramref name="remote"/> (the in-memory server has no address of its own). A client's
    /// <c>X-Forwarded-For</c> is then believed when <paramref name="remote"/> is the proxy.
    /// </summary>
    public WebApplicationFactory<Program> BehindProxy(string proxy, string remote, params (string Key, string Value)[] settings) =>
        WithWebHostBuilder(b =>
        {
            b.UseSetting("Web:TrustedHeader:TrustedProxies:0", proxy);
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new RemoteAddress(IPAddress.Parse(remote))));
        });

    /// <summary>A client of <paramref name="app"/> that keeps cookies, does not follow redirects and says it is <paramref name="forwardedFor"/>.</summary>
    public static HttpClient ClientFrom(WebApplicationFactory<Program> app, string forwardedFor)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client;
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see the 302s.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<UserAccount> AddUserAsync(string username, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserDirectory>()
            .AddAsync(username, username.ToUpperInvariant(), $"{username}@example.nhs.uk", roles, Password, "test", CancellationToken.None);
    }

    /// <summary>A browser signed in as a new user with the given roles.</summary>
    public async Task<HttpClient> SignedInAsync(string username, params string[] roles)
    {
        await AddUserAsync(username, roles);
        var client = Browser();
        var response = await SignInAsync(client, username, Password);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string username, string password) =>
        PostFormAsync(client, "/signin", "/signin", new() { ["username"] = username, ["password"] = password });

    /// <summary>Opens <paramref name="page"/>, takes its antiforgery token and posts <paramref name="fields"/> to <paramref name="action"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = AntiforgeryToken(await client.GetStringAsync(page));
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>The antiforgery token of the form on a page.</summary>
    public static string AntiforgeryToken(string html)
    {
        var token = TokenPattern().Match(html);
        token.Success.ShouldBeTrue("no antiforgery token on the page");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    public async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Database.CreateCommand(sql);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<string?> TextAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Database.CreateCommand(sql);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return await command.ExecuteScalarAsync() as string;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>Makes every request look as if it came from <paramref name="address"/> (the in-memory server has none).</summary>
internal sealed class RemoteAddress(IPAddress address) : IStartupFilter
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
