using System.Net;
using MentionWatch.Web.Accounts;

namespace MentionWatch.IntegrationTests.Web;

[Collection(ServersCollection.Name)]
public sealed class AccessTests(ServersFixture servers)
{
    [Theory]
    // Every page, including the admin ones, sends a stranger to sign in rather than showing anything.
    [InlineData("/inbox")]
    [InlineData("/mentions/1")]
    [InlineData("/pals")]
    [InlineData("/register")]
    [InlineData("/admin/users")]
    [InlineData("/admin/audit")]
    public async Task Page_Stranger_RedirectedToSignIn(string path)
    {
        await using var app = await WebApp.StartAsync(servers);

        var response = await app.Browser().GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldStartWith("http://localhost/signin?ReturnUrl=");
    }

    [Fact]
    public async Task SignIn_RightPassword_OpensInbox()
    {
        await using var app = await WebApp.StartAsync(servers);
        var client = await app.SignedInAsync("pat", Roles.Pals);

        var response = await client.GetAsync("/inbox");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<h1>Inbox</h1>");
        (await app.ScalarAsync("select count(*) from audit_log where action = 'signin' and actor = 'pat'")).ShouldBe(1);
    }
}
