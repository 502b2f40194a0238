using MentionWatch.Web.Accounts;
using Microsoft.Playwright;

namespace MentionWatch.IntegrationTests.Web;

/// <summary>
/// End to end in headless Chromium (Debian's /usr/bin/chromium, never a downloaded browser): sign in, open the
/// urgent alert from the inbox, acknowledge it. Screenshots go to the test results directory
/// (<c>MENTIONWATCH_TEST_RESULTS</c>, or TestResults/screenshots under the test project).
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class BrowserTests(ServersFixture servers)
{
    private const string Chromium = TestBrowser.Chromium;

    [Fact]
    public async Task SignIn_AcknowledgeUrgentAlert_InBrowser()
    {
        File.Exists(Chromium).ShouldBeTrue("install it with: apt-get install -y chromium");
        await using var app = await WebApp.StartAsync(servers, kestrel: true);
        var (mentionId, alerts) = await TestMentions.AddAsync(app, "I can't cope any more, I'm going to the bridge tonight <script>alert(1)</script>",
            ["distress"], urgent: true, ["spa"], author: "anon123");
        await TestMentions.AddAsync(app, "Lovely staff on Ward 3", ["praise"], urgent: false, ["comms"]);
        await app.AddUserAsync("sam", Roles.Spa, Roles.Foi);
        var screenshots = Environment.GetEnvironmentVariable("MENTIONWATCH_TEST_RESULTS") is { Length: > 0 } dir
            ? Path.Combine(dir, "screenshots")
            : Path.Combine(RepoPaths.Root, "tests/MentionWatch.IntegrationTests/TestResults/screenshots");
        Directory.CreateDirectory(screenshots);

        using var playwright = await Playwright.CreateAsync();
        var (browser, page) = await TestBrowser.OpenAsync(playwright, app);
        await using var closing = browser;
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add(message.Text); };
        page.Dialog += (_, dialog) => problems.Add($"a dialog opened: {dialog.Message}");

        await page.GotoAsync("/inbox");
        page.Url.ShouldContain("/signin");
        await page.GetByLabel("Username").FillAsync("sam");
        await page.GetByLabel("Password").FillAsync(WebApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await TestBrowser.ArrivedAsync(page, "**/inbox");
        (await page.TextContentAsync("main"))!.ShouldContain("URGENT");
        (await page.TextContentAsync("main"))!.ShouldNotContain("Lovely staff");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "inbox.png"), FullPage = true });

        await TestBrowser.FollowAsync(page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("going to the bridge") }), $"**/mentions/{mentionId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge (spa)" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync()).ShouldBe("Alert acknowledged.");
        (await page.TextContentAsync("main"))!.ShouldContain("Acknowledged by sam");
        (await page.TextContentAsync(".post"))!.ShouldContain("<script>alert(1)</script>");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "mention.png"), FullPage = true });

        (await app.TextAsync("select state || ' by ' || acknowledged_by from alerts where id = @id", ("id", alerts[0]))).ShouldBe("acknowledged by sam");
        await FoiBrowserSteps.RequestClarificationAsync(app, page, screenshots);
        // No script ran from the post, and nothing on the pages broke the Content Security Policy.
        problems.ShouldBeEmpty();
        File.Exists(Path.Combine(screenshots, "inbox.png")).ShouldBeTrue();
        File.Exists(Path.Combine(screenshots, "mention.png")).ShouldBeTrue();
    }
}
