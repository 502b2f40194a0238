using Microsoft.Playwright;

namespace MentionWatch.IntegrationTests.Web;

/// <summary>
/// Debian's headless Chromium (never a downloaded browser) on a page of the test's web app. Its waits are bounds on
/// a test that would otherwise hang, not assertions on speed: generous, since a busy CI machine serves the first page
/// of a cold app slowly, and each wait ends as soon as the page is there.
/// </summary>
internal static class TestBrowser
{
    public const string Chromium = "/usr/bin/chromium";
    private const float Bound = 180_000;

    /// <summary>
    /// Waits until the page is at a URL matching <paramref name="urlGlob"/> and its document is parsed, judged by asking
    /// the document (<c>readyState</c>), not by Chromium's lifecycle events: on a loaded CI machine Chromium once never
    /// reported "load", and once never reported "DOMContentLoaded", for pages that were there.
    /// </summary>
    public static async Task ArrivedAsync(IPage page, string urlGlob)
    {
        await page.WaitForURLAsync(urlGlob, new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForFunctionAsync("() => document.readyState !== 'loading'", null, new() { PollingInterval = 100 });
    }

    /// <summary>
    /// Follows a link the way a keyboard user does (focus, Enter) and waits until the page at <paramref name="urlGlob"/>
    /// is there. Not a mouse click: a click lands at the link's coordinates, and once, on a loaded CI machine, a click
    /// just after a full-page screenshot (which resizes the viewport and back) went nowhere and the test waited out its
    /// bound on the old page.
    /// </summary>
    public static async Task FollowAsync(ILocator link, string urlGlob)
    {
        await link.PressAsync("Enter");
        await ArrivedAsync(link.Page, urlGlob);
    }

    public static async Task<(IBrowser Browser, IPage Page)> OpenAsync(IPlaywright playwright, WebApp app)
    {
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            // No calls home: this machine's network is closed, and they would only slow the pages down.
            Args = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new() { BaseURL = app.Address.ToString().TrimEnd('/') });
        page.SetDefaultTimeout(Bound);
        page.SetDefaultNavigationTimeout(Bound);
        return (browser, page);
    }
}
