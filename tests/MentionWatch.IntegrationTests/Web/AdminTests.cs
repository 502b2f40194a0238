using System.Net;
using System.Text.Json;
using MentionWatch.Foi;
using MentionWatch.Web.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace MentionWatch.IntegrationTests.Web;

[Collection(ServersCollection.Name)]
public sealed class AdminTests(ServersFixture servers)
{
    [Fact]
    public async Task Users_AddThenDisable_NewUserSignedOutAndRefused()
    {
        await using var app = await WebApp.StartAsync(servers);
        var admin = await app.SignedInAsync("ada", Roles.Admin);

        var add = await WebApp.PostFormAsync(admin, "/admin/users", "/admin/users?handler=Add", new()
        {
            ["username"] = "newbie", ["displayName"] = "New Person", ["email"] = "newbie@nhs.net", ["roles"] = "foi", ["password"] = "a long enough password",
        });
        var id = await app.ScalarAsync("select id from users where username = 'newbie'");
        var newbie = app.Browser();
        (await WebApp.SignInAsync(newbie, "newbie", "a long enough password")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await newbie.GetAsync("/inbox")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var disable = await WebApp.PostFormAsync(admin, "/admin/users", "/admin/users?handler=Disable", new() { ["userId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        add.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        disable.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await WebApp.SignInAsync(app.Browser(), "newbie", "a long enough password")).StatusCode.ShouldBe(HttpStatusCode.OK, "a disabled account is refused");
        (await newbie.GetAsync("/inbox")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the session already open ends too");
        (await app.TextAsync("select array_to_string(roles, ',') from users where username = 'newbie'")).ShouldBe("foi");
        (await app.ScalarAsync("select count(*) from audit_log where action in ('user.added', 'user.disabled') and actor = 'ada'")).ShouldBe(2);
    }

    [Fact]
    public async Task Users_RolesChanged_TakeEffectInTheOpenSession()
    {
        await using var app = await WebApp.StartAsync(servers);
        var admin = await app.SignedInAsync("ada", Roles.Admin);
        var comms = await app.SignedInAsync("cal", Roles.Comms);
        var id = await app.ScalarAsync("select id from users where username = 'cal'");
        (await comms.GetAsync("/register")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var change = await WebApp.PostFormAsync(admin, "/admin/users", "/admin/users?handler=Roles",
            new() { ["userId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["roles"] = Roles.Pals });

        change.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await comms.GetAsync("/register")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "no longer comms");
        (await comms.GetAsync("/pals")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AuditLog_FilteredByAction_ShowsOnlyThoseEntriesAndNoEditForm()
    {
        await using var app = await WebApp.StartAsync(servers);
        var (mentionId, _) = await TestMentions.AddAsync(app, "a post", ["praise"], urgent: false, ["comms"]);
        var admin = await app.SignedInAsync("ada", Roles.Admin);
        await admin.GetStringAsync($"/mentions/{mentionId}");

        var viewed = await admin.GetStringAsync("/admin/audit?action=mention.viewed");
        var signins = await admin.GetStringAsync("/admin/audit?action=signin&actor=ada");

        viewed.ShouldContain($"<a href=\"/mentions/{mentionId}\">mention {mentionId}</a>");
        viewed.ShouldNotContain("<td>signin</td>");
        signins.ShouldContain("<td>signin</td>");
        signins.ShouldNotContain("<td>mention.viewed</td>");
        viewed.ShouldNotContain("method=\"post\" action=\"/admin/audit");
    }

    [Fact]
    public async Task SubjectAccess_Export_HoldsEverythingAboutTheAuthorOnlyAndIsAudited()
    {
        await using var app = await WebApp.StartAsync(servers);
        var (mine, _) = await TestMentions.AddAsync(app, "my first post about the ward", ["complaint"], urgent: false, ["pals"], author: "Jo_Public");
        await TestMentions.AddAsync(app, "my second post", ["praise"], urgent: false, ["comms"], author: "jo_public", platform: "facebook");
        await TestMentions.AddAsync(app, "someone else entirely", ["praise"], urgent: false, ["comms"], author: "other");
        await using (var note = app.Database.CreateCommand("insert into mention_notes (mention_id, author, body, created_at) values (@m, 'pat', 'called her back', @now)"))
        {
            note.Parameters.AddWithValue("now", app.Clock.Now);
            note.Parameters.AddWithValue("m", mine);
            await note.ExecuteNonQueryAsync();
        }

        var admin = await app.SignedInAsync("ada", Roles.Admin);
        var response = await WebApp.PostFormAsync(admin, "/admin/export", "/admin/export", new() { ["handle"] = "@jo_public" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var mentions = json.RootElement.GetProperty("mentions");
        mentions.GetArrayLength().ShouldBe(2);
        var first = mentions[0];
        first.GetProperty("text").GetString().ShouldBe("my first post about the ward");
        first.GetProperty("rawPayload").GetProperty("text").GetString().ShouldBe("my first post about the ward");
        first.GetProperty("verdicts")[0].GetProperty("labels")[0].GetString().ShouldBe("complaint");
        first.GetProperty("alerts")[0].GetProperty("alert").GetProperty("team").GetString().ShouldBe("pals");
        first.GetProperty("notes")[0].GetProperty("body").GetString().ShouldBe("called her back");
        json.RootElement.ToString().ShouldNotContain("someone else entirely");
        (await app.ScalarAsync("select count(*) from audit_log where action = 'subject_access.exported' and actor = 'ada' and entity_id = '@jo_public'")).ShouldBe(1);

        var pals = await app.SignedInAsync("pat", Roles.Pals);
        (await pals.GetAsync("/admin/export")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    // Beyond the posts: the FOI cases the person made (by a post, or named as the requester) with their history, the
    // quarantined payloads that name them as a whole word, and the audit rows about those cases and earlier exports.
    public async Task SubjectAccess_Export_AlsoHoldsTheirFoiCasesQuarantinedPayloadsAndTheirAudit()
    {
        await using var app = await WebApp.StartAsync(servers);
        var (request, _) = await TestMentions.AddAsync(app, "FOI: how many nurses on ward 7?", ["foi_request"], urgent: false, [], author: "jo_public");
        await using (var connection = await app.Database.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await app.Services.GetRequiredService<FoiCases>().OpenForMentionAsync(connection, transaction, request, CancellationToken.None);
            await transaction.CommitAsync();
        }

        var service = app.Services.GetRequiredService<FoiCaseService>();
        foreach (var (requester, summary) in new[] { ("@Jo_Public", "by e-mail"), ("someone else", "not theirs") })
        {
            await service.OpenAsync(new FoiCaseOpening { ReceivedAt = app.Clock.Now, Requester = requester, Summary = summary, Actor = "fay" }, CancellationToken.None);
        }
        const string quarantine = "insert into quarantine (source_id, reason, payload, payload_length, payload_sha256, received_at) values ('x', 'bad json', @p, 1, '', now())";
        foreach (var payload in new[] { "{\"user\":\"@jo_public\",\"text\":\"broken", "{\"user\":\"jo_publicity\"" })
        {
            await using var insert = app.Database.CreateCommand(quarantine);
            insert.Parameters.AddWithValue("p", payload);
            await insert.ExecuteNonQueryAsync();
        }

        var admin = await app.SignedInAsync("ada", Roles.Admin);
        await WebApp.PostFormAsync(admin, "/admin/export", "/admin/export", new() { ["handle"] = "jo_public" });
        var response = await WebApp.PostFormAsync(admin, "/admin/export", "/admin/export", new() { ["handle"] = "jo_public" });

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var foi = json.RootElement.GetProperty("foiCases");
        foi.GetArrayLength().ShouldBe(2);
        foi[0].GetProperty("case").GetProperty("mention_id").GetInt64().ShouldBe(request);
        foi[1].GetProperty("case").GetProperty("summary").GetString().ShouldBe("by e-mail");
        foi[0].GetProperty("events")[0].GetProperty("action").GetString().ShouldBe("open");
        json.RootElement.GetProperty("quarantined").EnumerateArray().Select(q => q.GetProperty("payload").GetString()!).ShouldHaveSingleItem().ShouldContain("@jo_public");
        var audit = json.RootElement.GetProperty("audit").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        audit.Count(a => a == "foi_case.opened").ShouldBe(2);
        audit.ShouldContain("subject_access.exported");
    }
}
