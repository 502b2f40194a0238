using System.Net;
using System.Text.RegularExpressions;
using MentionWatch.Web.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MentionWatch.IntegrationTests.Web;

/// <summary>OpenID Connect sign-in against a local issuer: the whole round trip a browser makes, cookie by cookie.</summary>
[Collection(ServersCollection.Name)]
public sealed partial class SingleSignOnTests(ServersFixture servers)
{
    [Fact]
    public async Task SignIn_WithAMappedAppRole_AccountMadeWithThatRoleAndSignedIn()
    {
        await using var app = await WebApp.StartAsync(servers);
        await using var issuer = await FakeOidcIssuer.StartAsync(app.Clock);
        await using var sso = WithSingleSignOn(app, issuer);
        issuer.Next = ("Sam.Jones@nhs.net", "Sam Jones", ["MentionWatch.Spa", "Unrelated.Role"]);

        var (callback, browser) = await SignInAsync(sso);

        callback.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        callback.Headers.Location!.ToString().ShouldBe("/inbox");
        var inbox = await browser.GetAsync("/inbox");
        inbox.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await inbox.Content.ReadAsStringAsync()).ShouldContain("<span>sam.jones@nhs.net</span>");
        (await app.TextAsync("select array_to_string(roles, ',') from users where email = 'sam.jones@nhs.net'")).ShouldBe("spa");
        (await app.ScalarAsync("select count(*) from audit_log where actor = 'sso' and action = 'user.added' and entity_id = 'sam.jones@nhs.net'")).ShouldBe(1);
    }

    [Fact]
    public async Task SignIn_RolesChangedAtTheIssuer_TheAccountTakesTheTokensRoles()
    {
        await using var app = await WebApp.StartAsync(servers);
        await AddAccountAsync(app, "pat", Roles.Comms, disabled: false);
        await using var issuer = await FakeOidcIssuer.StartAsync(app.Clock);
        await using var sso = WithSingleSignOn(app, issuer);
        issuer.Next = ("pat@nhs.net", "Pat", ["MentionWatch.Admin"]);

        var (callback, _) = await SignInAsync(sso);

        callback.Headers.Location!.ToString().ShouldBe("/inbox");
        (await app.TextAsync("select array_to_string(roles, ',') from users where username = 'pat'")).ShouldBe("admin");
        (await app.TextAsync("select detail from audit_log where action = 'user.roles_changed'")).ShouldBe("roles comms -> admin (from the ID token's app roles)");
    }

    [Theory]
    // No app role that maps to a MentionWatch role.
    [InlineData("no-role", "")]
    // A token signed with a key the issuer does not publish: forged.
    [InlineData("forged", "MentionWatch.Spa")]
    // A token issued an hour ago by the service's clock: expired.
    [InlineData("expired", "MentionWatch.Spa")]
    public async Task SignIn_RefusedToken_LandsOnTheDeniedPageSignedOut(string why, string role)
    {
        await using var app = await WebApp.StartAsync(servers);
        await using var issuer = await FakeOidcIssuer.StartAsync(app.Clock);
        await using var sso = WithSingleSignOn(app, issuer);
        issuer.Next = ("kim@nhs.net", "Kim", role.Length == 0 ? [] : [role]);
        issuer.SignWithUnpublishedKey = why == "forged";
        issuer.IssuedAgo = why == "expired" ? TimeSpan.FromHours(1) : TimeSpan.Zero;

        var (callback, browser) = await SignInAsync(sso);

        callback.Headers.Location!.ToString().ShouldBe("/denied", why);
        (await browser.GetAsync("/inbox")).Headers.Location!.AbsolutePath.ShouldBe("/signin", why);
        (await app.ScalarAsync("select count(*) from users where email = 'kim@nhs.net'")).ShouldBe(0, why);
    }

    [Fact]
    public async Task SignIn_DisabledAccount_Refused()
    {
        await using var app = await WebApp.StartAsync(servers);
        await AddAccountAsync(app, "lee", Roles.Spa, disabled: true);
        await using var issuer = await FakeOidcIssuer.StartAsync(app.Clock);
        await using var sso = WithSingleSignOn(app, issuer);
        issuer.Next = ("lee@nhs.net", "Lee", ["MentionWatch.Spa"]);

        var (callback, _) = await SignInAsync(sso);

        callback.Headers.Location!.ToString().ShouldBe("/denied");
        (await app.TextAsync("select detail from audit_log where action = 'user.sso_refused'")).ShouldBe("account disabled");
    }

    [Fact]
    public async Task SignInPage_WithSingleSignOn_OffersTheButton()
    {
        await using var app = await WebApp.StartAsync(servers);
        await using var issuer = await FakeOidcIssuer.StartAsync(app.Clock);
        await using var sso = WithSingleSignOn(app, issuer);

        (await sso.CreateClient().GetStringAsync("/signin")).ShouldContain($"href=\"{OidcSignIn.ChallengePath}?returnUrl=%2Finbox\">Sign in with NHSmail</a>");
        (await app.CreateClient().GetStringAsync("/signin")).ShouldNotContain("Sign in with");
    }

    /// <summary>An account made before single sign-on, with the e-mail address <paramref name="name"/>@nhs.net.</summary>
    private static async Task AddAccountAsync(WebApp app, string name, string role, bool disabled)
    {
        await using var add = app.Database.CreateCommand(
            "insert into users (username, display_name, email, roles, failed_sign_ins, disabled, created_at) values (@name, @name, @name || '@nhs.net', @roles, 0, @disabled, now())");
        add.Parameters.AddWithValue("name", name);
        add.Parameters.AddWithValue("roles", new[] { role });
        add.Parameters.AddWithValue("disabled", disabled);
        await add.ExecuteNonQueryAsync();
    }

    private static WebApplicationFactory<Program> WithSingleSignOn(WebApp app, FakeOidcIssuer issuer) =>
        app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Web:Oidc:Authority", issuer.Authority);
            b.UseSetting("Web:Oidc:ClientId", FakeOidcIssuer.ClientId);
            b.UseSetting("Web:Oidc:ClientSecret", FakeOidcIssuer.ClientSecret);
            b.UseSetting("Web:Oidc:Roles:MentionWatch.Spa", Roles.Spa);
            b.UseSetting("Web:Oidc:Roles:MentionWatch.Admin", Roles.Admin);
        });

    /// <summary>
    /// The browser's round trip: MentionWatch sends it to the issuer, the issuer signs the person in and answers with a
    /// form, which the browser posts back. Cookies are carried by hand (the test clock is not the wall clock, which a
    /// cookie container would judge their expiry by). Returns MentionWatch's answer to the post, and the browser.
    /// </summary>
    private static async Task<(HttpResponseMessage Callback, CookieBrowser Browser)> SignInAsync(WebApplicationFactory<Program> sso)
    {
        var browser = new CookieBrowser(sso.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost/"),
        }));
        var challenge = await browser.GetAsync("/signin/sso?returnUrl=/inbox");
        challenge.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var toIssuer = new HttpClient();
        var page = await toIssuer.GetStringAsync(challenge.Headers.Location);
        var fields = FormField().Matches(page).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        var action = new Uri(WebUtility.HtmlDecode(FormAction().Match(page).Groups["action"].Value));
        action.AbsolutePath.ShouldBe("/signin-oidc");
        return (await browser.PostAsync(action.PathAndQuery, new FormUrlEncodedContent(fields)), browser);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex FormField();

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]+)\">")]
    private static partial Regex FormAction();

    /// <summary>An HTTP client that keeps the cookies it is given (name and value) and sends them back.</summary>
    internal sealed class CookieBrowser(HttpClient client)
    {
        private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

        public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

        public Task<HttpResponseMessage> PostAsync(string path, HttpContent content) => SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = content });

        private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            var response = await client.SendAsync(request);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';')[0];
                var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) _cookies.Remove(name);
                else _cookies[name] = value;
            }

            return response;
        }
    }
}
