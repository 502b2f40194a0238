using System.Net;
using System.Net.Http.Headers;
using MentionWatch.Web;
using MentionWatch.Web.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace MentionWatch.IntegrationTests.Web;

[Collection(ServersCollection.Name)]
public sealed class AccessTests(ServersFixture servers)
{
    // Longer than a list shows: the end of it must only ever appear on the (audited) mention page.
    private const string Proxy = "10.0.0.5";

    private static readonly string LongPost = "My complaint, in full: " + string.Concat(Enumerable.Repeat("the ward was cold and nobody came. ", 8)) + "THE-END-OF-THE-POST";

    [Theory]
    // Every kind of page, including the admin ones, sends a stranger to sign in rather than showing anything.
    [InlineData("/inbox")]
    [InlineData("/mentions/1")]
    [InlineData("/pals")]
    [InlineData("/register")]
    [InlineData("/admin/users")]
    [InlineData("/admin/audit")]
    [InlineData("/admin/sources")]
    [InlineData("/admin/export")]
    public async Task Page_Stranger_RedirectedToSignIn(string path)
    {
        await using var app = await WebApp.StartAsync(servers);

        var response = await app.Browser().GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldStartWith("http://localhost/signin?ReturnUrl=");
    }

    [Theory]
    // Probes and the stylesheet need no sign-in.
    [InlineData("/health/live", HttpStatusCode.OK)]
    [InlineData("/static/site.css", HttpStatusCode.OK)]
    [InlineData("/signin", HttpStatusCode.OK)]
    // The root sends people to their inbox.
    [InlineData("/", HttpStatusCode.Redirect)]
    public async Task Public_Paths_AnsweredWithoutSignIn(string path, HttpStatusCode expected)
    {
        await using var app = await WebApp.StartAsync(servers);

        (await app.Browser().GetAsync(path)).StatusCode.ShouldBe(expected);
    }

    [Fact]
    public async Task SignIn_RightPassword_OpensInboxAndIsAudited()
    {
        await using var app = await WebApp.StartAsync(servers);
        var client = await app.SignedInAsync("pat", Roles.Pals);

        var response = await client.GetAsync("/inbox");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<h1>Inbox</h1>");
        (await app.ScalarAsync("select count(*) from audit_log where action = 'signin' and actor = 'pat'")).ShouldBe(1);
    }

    [Fact]
    public async Task SignOut_FromTheHeaderForm_EndsTheSession()
    {
        await using var app = await WebApp.StartAsync(servers);
        var client = await app.SignedInAsync("pat", Roles.Pals);

        var response = await WebApp.PostFormAsync(client, "/inbox", "/signout", []);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/signin");
        (await client.GetAsync("/inbox")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.ScalarAsync("select count(*) from audit_log where action = 'signout' and actor = 'pat'")).ShouldBe(1);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswordsFromOneAddress_LockOutThatAddressNotTheOwner()
    {
        await using var app = await WebApp.StartAsync(servers);
        await app.AddUserAsync("ada", Roles.Admin);
        await using var proxied = app.BehindProxy(Proxy, Proxy);
        var guesser = WebApp.ClientFrom(proxied, "203.0.113.9");
        for (var i = 0; i < 5; i++)
        {
            var wrong = await WebApp.SignInAsync(guesser, "ada", "guess " + i);
            wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await wrong.Content.ReadAsStringAsync()).ShouldContain("There is a problem");
        }

        // The guesser's address is locked out, even with the right password; the admin, elsewhere, is not.
        (await WebApp.SignInAsync(guesser, "ada", WebApp.Password)).StatusCode.ShouldBe(HttpStatusCode.OK, "a locked-out address must not sign in");
        (await WebApp.SignInAsync(WebApp.ClientFrom(proxied, "198.51.100.20"), "ada", WebApp.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.ScalarAsync("select count(*) from users where locked_until is not null")).ShouldBe(0);
        (await app.ScalarAsync("select count(*) from audit_log where action = 'user.locked' and detail like '%203.0.113.9%'")).ShouldBe(1);
        (await app.ScalarAsync("select count(*) from audit_log where action = 'signin.refused' and detail = 'locked for 203.0.113.9'")).ShouldBe(1);

        // The lockout lasts LockoutPeriod (15 minutes).
        app.Clock.Advance(TimeSpan.FromMinutes(14));
        (await WebApp.SignInAsync(guesser, "ada", WebApp.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        (await WebApp.SignInAsync(guesser, "ada", WebApp.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.ScalarAsync("select count(*) from sign_in_failures")).ShouldBe(0, "a client that signed in is forgotten");
    }

    [Fact]
    public async Task SignIn_WrongPasswordsFromManyAddresses_LockTheAccountAtItsCeilingUntilAnAdminUnlocksIt()
    {
        await using var app = await WebApp.StartAsync(servers);
        await app.AddUserAsync("lee", Roles.Comms);
        await using var proxied = app.BehindProxy(Proxy, Proxy, ("Web:MaxFailedSignInsPerAccount", "6"));

        // Two guesses from each of three addresses: no address reaches five, the account reaches its ceiling of six.
        foreach (var address in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.3" })
        {
            var guesser = WebApp.ClientFrom(proxied, address);
            for (var i = 0; i < 2; i++) (await WebApp.SignInAsync(guesser, "lee", "guess " + i)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var owner = WebApp.ClientFrom(proxied, "198.51.100.20");
        (await WebApp.SignInAsync(owner, "lee", WebApp.Password)).StatusCode.ShouldBe(HttpStatusCode.OK, "the account is locked for everyone");
        (await app.ScalarAsync("select count(*) from audit_log where action = 'user.locked' and detail like 'for everyone%'")).ShouldBe(1);

        var admin = await app.SignedInAsync("ada", Roles.Admin);
        (await admin.GetStringAsync("/admin/users")).ShouldContain("locked until");
        var lee = await app.ScalarAsync("select id from users where username = 'lee'");
        (await WebApp.PostFormAsync(admin, "/admin/users", "/admin/users?handler=Unlock", new() { ["userId"] = lee.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await WebApp.SignInAsync(owner, "lee", WebApp.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.ScalarAsync("select count(*) from sign_in_failures")).ShouldBe(0, "unlocking forgets every address's failures");
        (await app.ScalarAsync("select count(*) from audit_log where action = 'user.unlocked' and actor = 'ada'")).ShouldBe(1);
    }

    [Fact]
    public async Task SignIn_WrongPasswordsAtOnce_EveryOneCountsAndOneLockIsAudited()
    {
        await using var app = await WebApp.StartAsync(servers);
        await app.AddUserAsync("lee", Roles.Comms);

        // Five wrong passwords from one address at the same moment, each its own request: all five count.
        await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            (await scope.ServiceProvider.GetRequiredService<UserDirectory>().CheckPasswordAsync("lee", "not the password", "203.0.113.9", CancellationToken.None)).ShouldBeNull();
        }));

        (await app.ScalarAsync("select count(*) from sign_in_failures where client = '203.0.113.9' and locked_until > @now", ("now", app.Clock.Now))).ShouldBe(1);
        (await app.ScalarAsync("select failed_sign_ins from users where username = 'lee'")).ShouldBe(5);
        (await app.ScalarAsync("select count(*) from audit_log where action = 'user.locked'")).ShouldBe(1);
    }

    [Fact]
    public async Task SignIn_UnknownName_AuditedWithoutWhatWasTyped()
    {
        await using var app = await WebApp.StartAsync(servers);

        await WebApp.SignInAsync(app.Browser(), "Tr0ub4dor&3-typed-in-the-name-box", "x");

        (await app.ScalarAsync("select count(*) from audit_log where action = 'signin.failed' and entity_id like 'unknown:%'")).ShouldBe(1);
        (await app.ScalarAsync("select count(*) from audit_log where actor || entity_id || coalesce(detail, '') ilike '%tr0ub4dor%'")).ShouldBe(0);
    }

    [Fact]
    public async Task SignIn_TooManyFromOneClient_429EvenWithTheRightPassword()
    {
        await using var app = await WebApp.StartAsync(servers);
        await app.AddUserAsync("lee", Roles.Comms);
        await app.AddUserAsync("ada", Roles.Admin);
        // Three a day, so that the window cannot pass while the test runs.
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting("Web:SignInsPerClient", "3").UseSetting("Web:SignInWindow", "1.00:00:00"));
        var client = limited.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // Guessing across accounts from one client: slowed down, and the admin's account is not locked by it.
        for (var i = 0; i < 3; i++) (await WebApp.SignInAsync(client, i % 2 == 0 ? "lee" : "ada", "guess " + i)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WebApp.SignInAsync(client, "ada", "guess 4")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await WebApp.SignInAsync(client, "lee", WebApp.Password)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await client.GetAsync("/signin")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.ScalarAsync("select count(*) from users where locked_until is not null")).ShouldBe(0);
    }

    [Fact]
    public async Task SignInCookie_IssuedByOneReplica_ReadByAnother()
    {
        await using var app = await WebApp.StartAsync(servers);
        await app.AddUserAsync("lee", Roles.Comms);
        // A second replica: its own services and memory, the same database.
        await using var replica = app.WithWebHostBuilder(_ => { });
        var options = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false };
        var first = app.CreateClient(options);

        var form = await first.GetAsync("/signin");
        var antiforgery = Cookie(form, "mw-af");
        var token = WebApp.AntiforgeryToken(await form.Content.ReadAsStringAsync());
        using var post = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "lee", ["password"] = WebApp.Password, ["__RequestVerificationToken"] = token }),
        };
        post.Headers.Add("Cookie", antiforgery);
        var signedIn = await first.SendAsync(post);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var inbox = new HttpRequestMessage(HttpMethod.Get, "/inbox");
        inbox.Headers.Add("Cookie", Cookie(signedIn, "mw-session"));
        (await replica.CreateClient(options).SendAsync(inbox)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.ScalarAsync("select count(*) from data_protection_keys")).ShouldBeGreaterThan(0);
    }

    /// <summary>The "name=value" of a cookie the response sets.</summary>
    private static string Cookie(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(name + "=", StringComparison.Ordinal));

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_Rejected400()
    {
        await using var app = await WebApp.StartAsync(servers);
        var (mentionId, alerts) = await TestMentions.AddAsync(app, "I need help", ["distress"], urgent: true, ["spa"]);
        var client = await app.SignedInAsync("sam", Roles.Spa);

        var forged = await client.PostAsync($"/mentions/{mentionId}?handler=Acknowledge",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["alertId"] = alerts[0].ToString(System.Globalization.CultureInfo.InvariantCulture) }));

        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.TextAsync("select state from alerts where id = @id", ("id", alerts[0]))).ShouldBe("open");
    }

    [Fact]
    public async Task Visibility_PalsUser_NeitherListsNorOpensSpaAlerts()
    {
        await using var app = await WebApp.StartAsync(servers);
        var (spaMention, _) = await TestMentions.AddAsync(app, "I can't go on", ["distress"], urgent: true, ["spa", "oncall"]);
        var (palsMention, _) = await TestMentions.AddAsync(app, "Waited six hours in A&E, appalling", ["complaint"], urgent: false, ["pals"]);
        var client = await app.SignedInAsync("pat", Roles.Pals);

        var inbox = await client.GetStringAsync("/inbox");
        var mention = await client.GetAsync($"/mentions/{spaMention}");

        inbox.ShouldContain("Waited six hours");
        inbox.ShouldNotContain("go on");
        mention.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/mentions/{palsMention}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    // Comms sees urgent distress wherever it was routed (it may be first to see the post)...
    [InlineData(Roles.Comms, true, true)]
    // ...but not distress that is not urgent, which stays with SPA.
    [InlineData(Roles.Comms, false, false)]
    // SPA sees its own queue.
    [InlineData(Roles.Spa, false, true)]
    // FOI does not see distress at all.
    [InlineData(Roles.Foi, true, false)]
    public async Task Visibility_DistressRoutedToSpa_ShownToTheRightRoles(string role, bool urgent, bool visible)
    {
        await using var app = await WebApp.StartAsync(servers);
        await TestMentions.AddAsync(app, "everything is too much tonight", ["distress"], urgent, ["spa"]);
        var client = await app.SignedInAsync("someone", role);

        var inbox = await client.GetStringAsync("/inbox");

        inbox.Contains("everything is too much tonight", StringComparison.Ordinal).ShouldBe(visible);
    }

    [Theory]
    // Admin pages are for admin only.
    [InlineData("/admin/users", Roles.Comms)]
    [InlineData("/admin/audit", Roles.Spa)]
    // The register is the comms team's (and admin's).
    [InlineData("/register", Roles.Pals)]
    // The PALS queue is not for FOI.
    [InlineData("/pals", Roles.Foi)]
    public async Task Page_WrongRole_SentToDenied(string path, string role)
    {
        await using var app = await WebApp.StartAsync(servers);
        var client = await app.SignedInAsync("someone", role);

        var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldStartWith("http://localhost/denied");
    }

    [Fact]
    public async Task Pages_SecurityHeaders_ForbidInlineScriptAndFraming()
    {
        await using var app = await WebApp.StartAsync(servers);

        var response = await app.Browser().GetAsync("/signin");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("script-src 'self'");
        csp.ShouldNotContain("unsafe-inline");
        csp.ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        // Plain HTTP here: HSTS only over TLS.
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("<script");
    }

    [Fact]
    public async Task Api_Token_SeesOnlyItsUsersTeams()
    {
        await using var app = await WebApp.StartAsync(servers);
        await TestMentions.AddAsync(app, "I can't go on", ["distress"], urgent: true, ["spa"]);
        var (palsMention, _) = await TestMentions.AddAsync(app, "rude receptionist", ["complaint"], urgent: false, ["pals"]);
        await TestMentions.AddAsync(app, LongPost, ["complaint"], urgent: false, ["pals"]);
        var user = await app.AddUserAsync("palsbot", Roles.Pals);
        string token;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            token = await scope.ServiceProvider.GetRequiredService<UserDirectory>().CreateTokenAsync(user, "test", TimeSpan.FromDays(30), "test", CancellationToken.None);
        }

        var client = app.CreateClient();
        (await client.GetAsync("/api/alerts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "mw_wrong");
        (await client.GetAsync("/api/alerts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var alerts = await client.GetStringAsync("/api/alerts");
        var mention = await client.GetAsync($"/api/mentions/{palsMention}");

        alerts.ShouldContain("rude receptionist");
        alerts.ShouldNotContain(LongPost[InboxQuery.ExcerptLength..], Case.Sensitive);
        alerts.ShouldNotContain("go on");
        mention.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.ScalarAsync("select count(*) from audit_log where action = 'mention.viewed' and actor = 'palsbot'")).ShouldBe(1);
        (await client.GetAsync("/api/subject-access?handle=someone")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Api_Token_OnlyReadsTheApi_ExpiresAndCanBeRevoked()
    {
        await using var app = await WebApp.StartAsync(servers);
        var (mentionId, alerts) = await TestMentions.AddAsync(app, "I can't go on", ["distress"], urgent: true, ["spa"]);
        var user = await app.AddUserAsync("spabot", Roles.Spa);
        string token;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            token = await scope.ServiceProvider.GetRequiredService<UserDirectory>().CreateTokenAsync(user, "monitor", TimeSpan.FromDays(30), "test", CancellationToken.None);
        }

        var client = app.Browser();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await client.GetAsync("/api/alerts")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.ScalarAsync("select count(*) from api_tokens where last_used_at is not null")).ShouldBe(1);

        // Not a session: a page sends it to sign in, and a form post is refused, the alert untouched.
        var page = await client.GetAsync($"/mentions/{mentionId}");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/signin");
        var post = await client.PostAsync($"/mentions/{mentionId}?handler=Acknowledge",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["alertId"] = alerts[0].ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        post.IsSuccessStatusCode.ShouldBeFalse();
        (await app.ScalarAsync("select count(*) from alerts where acknowledged_at is not null")).ShouldBe(0);
        // Read-only on the API too.
        (await client.PostAsync("/api/alerts", new StringContent(""))).StatusCode.ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.MethodNotAllowed);

        // Expired: refused.
        app.Clock.Advance(TimeSpan.FromDays(30));
        (await client.GetAsync("/api/alerts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // Revoked: refused at once, and audited.
        string second;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var directory = scope.ServiceProvider.GetRequiredService<UserDirectory>();
            second = await directory.CreateTokenAsync(user, "monitor-2", TimeSpan.FromDays(30), "test", CancellationToken.None);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", second);
            (await client.GetAsync("/api/alerts")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await directory.RevokeTokensAsync(user, "monitor-2", "ada", CancellationToken.None)).ShouldBe(1);
        }

        (await client.GetAsync("/api/alerts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.ScalarAsync("select count(*) from audit_log where action = 'token.revoked' and actor = 'ada'")).ShouldBe(1);
        // The admin page lists the tokens still standing, with their expiry and last use.
        var users = await (await app.SignedInAsync("ada", Roles.Admin)).GetStringAsync("/admin/users");
        users.ShouldContain("<td>monitor</td>");
        users.ShouldNotContain("monitor-2");
    }
}
