using System.Net;
using MentionWatch.Cli;
using MentionWatch.Web.Accounts;

namespace MentionWatch.IntegrationTests.Web;

[Collection(ServersCollection.Name)]
public sealed class UserCommandsTests(ServersFixture servers)
{
    [Fact]
    public async Task UsersAdd_FirstAdmin_CanSignIn()
    {
        await using var app = await WebApp.StartAsync(servers);
        var exit = await RunAsync("a very long admin password",
            "users", "add", "--username", "first", "--email", "first@nhs.net", "--role", Roles.Admin, "--password-stdin", $"--ConnectionStrings:Postgres={app.ConnectionString}");

        exit.ShouldBe(0);
        (await app.TextAsync("select array_to_string(roles, ',') from users where username = 'first'")).ShouldBe("admin");
        (await app.ScalarAsync("select count(*) from audit_log where action = 'user.added' and actor = 'cli'")).ShouldBe(1);
        var client = app.Browser();
        (await WebApp.SignInAsync(client, "first", "a very long admin password")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync("/admin/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UsersToken_ForExistingUser_PrintsATokenTheApiAccepts()
    {
        await using var app = await WebApp.StartAsync(servers);
        await app.AddUserAsync("datix", Roles.Pals);
        var stdout = Console.Out;
        var printed = new StringWriter();
        int exit;
        try
        {
            Console.SetOut(printed);
            exit = await RunAsync("", "users", "token", "--username", "datix", "--name", "datix-import", $"--ConnectionStrings:Postgres={app.ConnectionString}");
        }
        finally
        {
            Console.SetOut(stdout);
        }

        exit.ShouldBe(0);
        var token = printed.ToString().Trim();
        token.ShouldStartWith("mw_");
        (await app.TextAsync("select name from api_tokens")).ShouldBe("datix-import");
        (await app.ScalarAsync("select count(*) from api_tokens where token_sha256 = encode(sha256(convert_to(@t, 'UTF8')), 'hex')", ("t", token))).ShouldBe(1);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        (await client.GetAsync("/api/alerts")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UsersRevokeTokenAndUnlock_TakeEffectAtOnceAndAreAudited()
    {
        await using var app = await WebApp.StartAsync(servers);
        await app.AddUserAsync("datix", Roles.Pals);
        var connection = $"--ConnectionStrings:Postgres={app.ConnectionString}";
        var stdout = Console.Out;
        var printed = new StringWriter();
        try
        {
            Console.SetOut(printed);
            (await RunAsync("", "users", "token", "--username", "datix", "--name", "datix-import", "--expires-in-days", "7", connection)).ShouldBe(0);
            (await RunAsync("", "users", "token", "--username", "datix", "--name", "forever", "--expires-in-days", "3650", connection)).ShouldBe(2);
            (await RunAsync("", "users", "revoke-token", "--username", "datix", "--name", "datix-import", connection)).ShouldBe(0);
            (await RunAsync("", "users", "revoke-token", "--username", "datix", "--name", "datix-import", connection)).ShouldBe(1);
        }
        finally
        {
            Console.SetOut(stdout);
        }

        var token = printed.ToString().Split('\n')[0].Trim();
        (await app.ScalarAsync("select count(*) from api_tokens where expires_at = created_at + interval '7 days' and revoked_at is not null")).ShouldBe(1);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        (await client.GetAsync("/api/alerts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        await app.ScalarAsync("update users set locked_until = @until, failed_sign_ins = 3 where username = 'datix' returning 1", ("until", app.Clock.Now.AddHours(1)));
        await app.ScalarAsync("insert into sign_in_failures select id, '203.0.113.9', 5, @now, @until from users where username = 'datix' returning 1",
            ("now", app.Clock.Now), ("until", app.Clock.Now.AddHours(1)));
        (await RunAsync("", "users", "unlock", "--username", "datix", connection)).ShouldBe(0);
        (await app.ScalarAsync("select count(*) from users where username = 'datix' and locked_until is null and failed_sign_ins = 0")).ShouldBe(1);
        (await app.ScalarAsync("select count(*) from sign_in_failures")).ShouldBe(0, "unlocking lifts every address's lockout too");
        (await app.ScalarAsync("select count(*) from audit_log where actor = 'cli' and action in ('token.revoked', 'user.unlocked')")).ShouldBe(2);
    }

    [Theory]
    // A role that does not exist is refused, not silently dropped.
    [InlineData("superuser", "a very long admin password", 2)]
    // A short password is refused before the database is touched.
    [InlineData(Roles.Admin, "short", 2)]
    public async Task UsersAdd_BadInput_RefusedWithoutCreatingTheUser(string role, string password, int expectedExit)
    {
        await using var app = await WebApp.StartAsync(servers);
        var exit = await RunAsync(password, "users", "add", "--username", "bad", "--role", role, "--password-stdin", $"--ConnectionStrings:Postgres={app.ConnectionString}");

        exit.ShouldBe(expectedExit);
        (await app.ScalarAsync("select count(*) from users")).ShouldBe(0);
    }

    /// <summary>Runs the executable's command line in-process with <paramref name="stdin"/> as standard input.</summary>
    private static async Task<int> RunAsync(string stdin, params string[] args)
    {
        var original = Console.In;
        try
        {
            Console.SetIn(new StringReader(stdin + "\n"));
            return await CommandLine.Create(args).Parse(args).InvokeAsync();
        }
        finally
        {
            Console.SetIn(original);
        }
    }
}
