using System.Globalization;
using System.Net;
using MentionWatch.Triage;
using MentionWatch.Web.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace MentionWatch.IntegrationTests.Web;

[Collection(ServersCollection.Name)]
public sealed class QueueAndRegisterTests(ServersFixture servers)
{
    [Fact]
    public async Task PalsQueue_RecordReference_ShownAndAudited()
    {
        await using var app = await WebApp.StartAsync(servers);
        var (_, alerts) = await TestMentions.AddAsync(app, "nobody called me back about my mum", ["complaint"], urgent: false, ["pals"]);
        await TestMentions.AddAsync(app, "press question", ["media_enquiry"], urgent: false, ["press"]);
        var client = await app.SignedInAsync("pat", Roles.Pals);

        var response = await WebApp.PostFormAsync(client, "/pals", "/pals?handler=Reference",
            new() { ["alertId"] = alerts[0].ToString(CultureInfo.InvariantCulture), ["reference"] = "PALS-2025-0042" });
        var queue = await client.GetStringAsync("/pals");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        queue.ShouldContain("nobody called me back");
        queue.ShouldNotContain("press question");
        queue.ShouldContain("value=\"PALS-2025-0042\"");
        queue.ShouldContain("No public reply until action agreed");
        (await app.ScalarAsync("select count(*) from audit_log where action = 'alert.pals_reference' and detail = 'PALS reference PALS-2025-0042'")).ShouldBe(1);
    }

    [Fact]
    public async Task Register_AddEditRetire_FeedsTheFakeAccountDetector()
    {
        await using var app = await WebApp.StartAsync(servers);
        var client = await app.SignedInAsync("cal", Roles.Comms);
        var engines = app.Services.GetRequiredService<TriageEngines>();
        var post = new TriageInput { Platform = "x", AuthorHandle = "RiverbendNHSHelp", AuthorDisplayName = "Riverbend NHS Help", Text = "Book a FAST-TRACK assessment via the link in bio, £25 admin fee" };
        engines.Current.Classify(post).Labels.ShouldContain(Labels.FakeAccount, "before registering, the lookalike is a suspected fake");

        var add = await WebApp.PostFormAsync(client, "/register", "/register?handler=Add", new()
        {
            ["Form.Platform"] = "X", ["Form.Handle"] = "@RiverbendNHSHelp", ["Form.Owner"] = "Comms team",
            ["Form.Administrators"] = "Cal Jones\nDee Smith", ["Form.LastReviewedOn"] = "2025-01-15",
        });
        var id = await app.ScalarAsync("select id from official_accounts where handle = 'RiverbendNHSHelp' and platform = 'x'");

        add.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        engines.Current.Classify(post).Labels.ShouldBeEmpty("a registered account is the trust's own");
        (await client.GetStringAsync("/register")).ShouldContain("Cal Jones, Dee Smith");

        var edit = await WebApp.PostFormAsync(client, $"/register/{id}/edit", $"/register/{id}/edit", new()
        {
            ["Form.Platform"] = "x", ["Form.Handle"] = "RiverbendNHSHelp", ["Form.Owner"] = "Digital team", ["Form.LastReviewedOn"] = "2025-04-01",
        });
        edit.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.TextAsync("select owner || ' ' || last_reviewed_on::text from official_accounts where id = @id", ("id", id))).ShouldBe("Digital team 2025-04-01");

        var retire = await WebApp.PostFormAsync(client, "/register", "/register?handler=Retire", new() { ["accountId"] = id.ToString(CultureInfo.InvariantCulture) });
        retire.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        engines.Current.Classify(post).Labels.ShouldContain(Labels.FakeAccount, "a retired account is no longer the trust's");
        (await app.ScalarAsync("select count(*) from audit_log where entity_type = 'official_account'")).ShouldBe(3);
    }

    [Fact]
    public async Task Sources_ShowsHealthAndSettingsButNoSecrets()
    {
        await using var app = await WebApp.StartAsync(servers);
        await using var customised = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Sources:0:Id", "x-mentions");
            b.UseSetting("Sources:0:Platform", "x");
            b.UseSetting("Sources:0:Enabled", "false");
            b.UseSetting("Sources:0:Settings:Query", "RiverbendNHS -is:retweet");
            b.UseSetting("Sources:0:Settings:Token", "super-secret-bearer");
        });
        await using (var health = app.Database.CreateCommand(
            "insert into sources (id, platform, last_poll_at, last_error, consecutive_failures, items_last_poll) values ('x-mentions', 'x', @now, 'HTTP 429 from the API', 2, 0)"))
        {
            health.Parameters.AddWithValue("now", app.Clock.Now);
            await health.ExecuteNonQueryAsync();
        }

        await app.AddUserAsync("ada", Roles.Admin);
        var client = customised.CreateClient(new() { AllowAutoRedirect = false });
        (await WebApp.SignInAsync(client, "ada", WebApp.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await client.GetStringAsync("/admin/sources");

        page.ShouldContain("x-mentions");
        page.ShouldContain("RiverbendNHS -is:retweet");
        page.ShouldContain("HTTP 429 from the API");
        page.ShouldContain("(set, hidden)");
        page.ShouldNotContain("super-secret-bearer");
    }
}
