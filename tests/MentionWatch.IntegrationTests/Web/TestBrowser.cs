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
    /// A navigation has arrived once its document is parsed. Not the "load" event (the default): on a loaded CI
    /// machine Chromium once never reported it for a page that was there, and the test waited out its bound.
    /// </summary>
    public static readonly PageWaitForURLOptions Arrived = new() { WaitUntil = WaitUntilState.DOMContentLoaded };

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
