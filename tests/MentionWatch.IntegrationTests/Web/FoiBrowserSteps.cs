using Microsoft.Playwright;

namespace MentionWatch.IntegrationTests.Web;

/// <summary>The FOI board's part of the end-to-end browser test (<see cref="BrowserTests"/>), for a user with the foi role.</summary>
public static class FoiBrowserSteps
{
    /// <summary>
    /// From the board, opens a case, moves it to "clarification requested" with the case page's form, then saves a
    /// screenshot of the case (<c>foi-case.png</c>) and of the board, with an overdue case beside it (<c>foi-board.png</c>).
    /// </summary>
    public static async Task RequestClarificationAsync(WebApp app, IPage page, string screenshots)
    {
        var id = await TestFoiCases.OpenAsync(app, app.Clock.Now.AddDays(-2), requester: "J. Public", summary: "Agency nurse spend in 2024/25, by ward");
        await TestFoiCases.OpenAsync(app, app.Clock.Now.AddDays(-45), requester: "Overdue Requester");

        await TestBrowser.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "FOI board" }), "**/foi");
        await TestBrowser.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = $"Case {id}", Exact = true }), $"**/foi/{id}");
        await page.GetByLabel("What needs clarifying").FillAsync("Which wards, and agency nurses only or bank staff too?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request clarification (stops the clock)" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync()).ShouldBe($"Case {id} is now clarification requested.");
        (await page.TextContentAsync("#foi-history"))!.ShouldContain("Which wards, and agency nurses only or bank staff too?");
        (await TestFoiCases.StateAsync(app, id)).ShouldBe("clarification_requested");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "foi-case.png"), FullPage = true });

        await TestBrowser.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "Back to the FOI board" }), "**/foi");
        (await page.TextContentAsync($"tr[data-case='{id}']"))!.ShouldContain("Clarification requested");
        (await page.TextContentAsync("tr.overdue"))!.ShouldContain("Overdue");
        var path = Path.Combine(screenshots, "foi-board.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        File.Exists(path).ShouldBeTrue();
    }
}
