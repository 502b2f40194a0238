using System.Net;
using MentionWatch.Alerts;
using MentionWatch.Web.Accounts;

namespace MentionWatch.IntegrationTests.Web;

/// <summary>Notices (alerts about a subject, not a post) in the inbox and on their own page.</summary>
[Collection(ServersCollection.Name)]
public sealed class NoticePageTests(ServersFixture servers)
{
    [Fact]
    public async Task Notice_InInboxAndAcknowledgedOnItsPage()
    {
        await using var app = await WebApp.StartAsync(servers);
        var notice = await TestMentions.AddNoticeAsync(app, "foi", AlertKinds.FoiReminder, "FOI case 12 is due on 3 Dec", "foi/cases/12");
        await TestMentions.AddNoticeAsync(app, "comms", AlertKinds.SourceSilent, "Source x-main has been silent for 2 hours", null);
        var client = await app.SignedInAsync("fran", Roles.Foi);

        var inbox = await client.GetStringAsync("/inbox");
        var page = await client.GetStringAsync($"/alerts/{notice}");
        var acknowledge = await WebApp.PostFormAsync(client, $"/alerts/{notice}", $"/alerts/{notice}?handler=Acknowledge", []);

        inbox.ShouldContain($"<a href=\"/alerts/{notice}\"><bdi class=\"user-text\">FOI case 12 is due on 3 Dec</bdi></a>");
        inbox.ShouldContain("notice: foi_reminder");
        inbox.ShouldNotContain("silent for 2 hours");
        page.ShouldContain("Due in 3 working days.");
        page.ShouldContain("<a href=\"/foi/cases/12\">");
        page.ShouldNotContain("Agree the action");
        acknowledge.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.TextAsync("select acknowledged_by from alerts where id = @id", ("id", notice))).ShouldBe("fran");
    }

    [Theory]
    // A script address is not a path inside MentionWatch: shown as nothing.
    [InlineData("javascript:alert(1)")]
    // Nor is another site.
    [InlineData("//evil.example/x")]
    [InlineData("https://evil.example/x")]
    public async Task Notice_LinkNotARelativePath_NotRendered(string link)
    {
        await using var app = await WebApp.StartAsync(servers);
        var notice = await TestMentions.AddNoticeAsync(app, "comms", AlertKinds.Spike, "Spike in mentions", link);
        var client = await app.SignedInAsync("cal", Roles.Comms);

        var page = await client.GetStringAsync($"/alerts/{notice}");

        page.ShouldNotContain("Open what this notice is about");
        page.ShouldNotContain("evil.example");
    }

    [Fact]
    public async Task Notice_OfAnotherTeam_NotFound()
    {
        await using var app = await WebApp.StartAsync(servers);
        var notice = await TestMentions.AddNoticeAsync(app, "foi", AlertKinds.FoiReminder, "FOI case 12 is due", null);
        var client = await app.SignedInAsync("pat", Roles.Pals);

        (await client.GetAsync($"/alerts/{notice}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var close = await WebApp.PostFormAsync(client, "/inbox", $"/alerts/{notice}?handler=Close", []);
        close.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.TextAsync("select state from alerts where id = @id", ("id", notice))).ShouldBe("open");
    }
}
