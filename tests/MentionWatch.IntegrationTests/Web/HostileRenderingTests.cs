using System.Net;
using System.Text.RegularExpressions;
using MentionWatch.Foi;
using MentionWatch.Mentions;
using MentionWatch.Sources;
using MentionWatch.TestData;
using MentionWatch.Web;
using MentionWatch.Web.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace MentionWatch.IntegrationTests.Web;

/// <summary>
/// The hostile corpus, stored by the real <see cref="MentionStore"/>, on every page that shows a post, a handle or a
/// display name: markup arrives encoded, every platform value is isolated in a <c>&lt;bdi&gt;</c>, bidi controls never
/// reach the page (raw or as character references), invisible characters in handles are shown as markers, and an
/// enormous post or profile does not make an enormous page.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed partial class HostileRenderingTests(ServersFixture servers)
{
    private const string Chromium = TestBrowser.Chromium;

    // Bidi embeddings, overrides and isolates: any of them on the page can reorder what follows it.
    private static readonly char[] BidiControls = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];

    [Fact]
    public async Task Pages_HostileMentions_MarkupEncodedBidiNeutralisedInvisibleCharactersShown()
    {
        await using var app = await WebApp.StartAsync(servers);
        var ids = await StoreCorpusAsync(app);
        var notice = await AddNoticeAsync(app, "HTTP 500 from api.x.com: <script>alert(1)</script> \u202Eenod lla\u202C <img src=x onerror=alert(2)>");
        // The fake account's post opened as an FOI case: the board and the case show its handle as the requester.
        var foiCase = await OpenFoiCaseAsync(app, ids["zero-width-in-handle"]);
        var client = await app.SignedInAsync("ada", Roles.Admin);

        var pages = new Dictionary<string, string>
        {
            ["inbox"] = await client.GetStringAsync("/inbox"),
            ["pals"] = await client.GetStringAsync("/pals"),
            ["notice"] = await client.GetStringAsync($"/alerts/{notice}"),
            ["foi-board"] = await client.GetStringAsync("/foi"),
            ["foi-case"] = await client.GetStringAsync($"/foi/{foiCase}"),
        };
        foreach (var (name, id) in ids) pages[name] = await client.GetStringAsync($"/mentions/{id}");

        foreach (var (name, html) in pages)
        {
            // Markup from a post, a handle, a display name or a platform error is text, never elements or attributes.
            html.ShouldNotContain("<script>alert", Case.Insensitive, name);
            html.ShouldNotContain("<img src=x", Case.Insensitive, name);
            html.ShouldNotContain("<svg onload", Case.Insensitive, name);
            html.ShouldNotContain("<b>xss</b>", Case.Insensitive, name);
            html.ShouldNotContain("href=\"javascript:", Case.Insensitive, name);
            // No bidi control reaches the page, raw or as a character reference the browser would decode.
            var decoded = WebUtility.HtmlDecode(html);
            foreach (var control in BidiControls) decoded.ShouldNotContain(control.ToString(), Case.Sensitive, $"{name}: U+{(int)control:X4}");
        }

        Shown(pages["html-script-injection"]).ShouldContain("<script>alert(document.cookie)</script><img src=x onerror=alert(1)> Riverbend staff were rude");
        Shown(pages["html-script-injection"]).ShouldContain("\"><svg onload=alert(1)>");
        Shown(pages["notice"]).ShouldContain("<script>alert(1)</script> [U+202E]enod lla[U+202C] <img src=x onerror=alert(2)>");
        Shown(pages["sql-injection"]).ShouldContain("Robert'); DROP TABLE mentions;-- ' OR '1'='1' UNION SELECT * FROM alerts; -- complaint");

        // Bidi controls are shown where they were, so the officer sees the text as typed, not as it pretends to read.
        Shown(pages["right-to-left-override"]).ShouldContain("Official notice [U+202E]SHN dnebreviR[U+202C] please DM your NHS number");
        Shown(pages["right-to-left-override"]).ShouldContain("Riverbend[U+202E]NHS");
        Shown(pages["bidi-isolates-and-embeddings"]).ShouldContain("Ward 4 [U+2067]gnisolc si[U+2069] [U+202B]today\u200F call us");
        Shown(pages["bidi-isolates-and-embeddings"]).ShouldContain("Riverbend[U+202B] NHS[U+200E]");

        // Invisible characters in a handle or display name are markers a comms officer can see and hover over.
        foreach (var page in new[] { pages["zero-width-in-handle"], pages["inbox"], pages["pals"], pages["foi-board"], pages["foi-case"] })
        {
            Shown(page).ShouldContain("Riverbend[U+200B]NHS[U+200D][U+FEFF]");
        }

        WebUtility.HtmlDecode(pages["zero-width-in-handle"]).ShouldContain("class=\"hidden-char\" title=\"U+200B ZERO WIDTH SPACE: an invisible character");
        Shown(pages["invisible-letters-in-handle"]).ShouldContain("Riverbend[U+3164]NHS[U+2800][U+E0020]");
        Shown(pages["control-characters"]).ShouldContain("complaint[U+0001][U+0007][U+0008] about [U+001B][2J[U+001B][31mRiverbend[U+0085] staff[U+007F]");
        Shown(pages["nul-in-mention"]).ShouldContain("nul\uFFFDhandle");
        Shown(pages["lone-surrogates"]).ShouldContain("I'm not coping \uFFFD \uFFFD\uFFFD");
    }

    [Fact]
    public async Task Mention_EnormousPostAndProfile_PageStaysSmallAndSaysWhatWasCut()
    {
        await using var app = await WebApp.StartAsync(servers);
        var ids = await StoreCorpusAsync(app);
        // The longest post the store keeps, in a script the HTML encoder writes as character references (the worst case).
        var longest = await StoreAsync(app, Mention(app, "h-longest", string.Concat(Enumerable.Repeat("شكوى ", MentionStore.MaxTextLength / 5)), "long_poster"));
        var client = await app.SignedInAsync("ada", Roles.Admin);

        var profile = await client.GetStringAsync($"/mentions/{ids["enormous-author-description"]}");
        var post = await client.GetStringAsync($"/mentions/{longest}");

        profile.Length.ShouldBeLessThan(100_000);
        post.Length.ShouldBeLessThan(400_000);
        Shown(profile).ShouldContain($"… ({MentionStore.MaxAuthorDescriptionLength - MentionModelLimits.Profile:N0} more characters not shown here");
        Shown(post).ShouldContain($"… ({MentionStore.MaxTextLength - MentionModelLimits.Text:N0} more characters not shown here");
        Shown(post).ShouldContain("long_poster");
    }

    [Fact]
    public async Task MentionPages_InBrowser_NoScriptRunsBidiIsIsolatedAndMarkersAreVisible()
    {
        File.Exists(Chromium).ShouldBeTrue("install it with: apt-get install -y chromium");
        await using var app = await WebApp.StartAsync(servers, kestrel: true);
        var ids = await StoreCorpusAsync(app);
        await app.AddUserAsync("ada", Roles.Admin);

        using var playwright = await Playwright.CreateAsync();
        var (browser, page) = await TestBrowser.OpenAsync(playwright, app);
        await using var closing = browser;
        var problems = new List<string>();
        page.Dialog += (_, dialog) => problems.Add($"a dialog opened: {dialog.Message}");
        page.Request += (_, request) => { if (!request.Url.StartsWith(app.Address.ToString().TrimEnd('/'), StringComparison.Ordinal)) problems.Add($"a request left the site: {request.Url}"); };
        await page.GotoAsync("/signin");
        await page.GetByLabel("Username").FillAsync("ada");
        await page.GetByLabel("Password").FillAsync(WebApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await TestBrowser.ArrivedAsync(page, "**/inbox");

        foreach (var name in new[] { "html-script-injection", "right-to-left-override", "zero-width-in-handle" })
        {
            await page.GotoAsync($"/mentions/{ids[name]}");
            // The browser itself isolates every platform value.
            var isolation = await page.EvalOnSelectorAllAsync<string[]>("bdi.user-text", "els => els.map(e => getComputedStyle(e).unicodeBidi)");
            isolation.ShouldNotBeEmpty();
            isolation.ShouldAllBe(b => b == "isolate");
            (await page.EvalOnSelectorAllAsync<int>("main script, main img, main svg", "els => els.length")).ShouldBe(0);
        }

        // On the fake account's page the invisible characters are boxes the officer can see, with a tooltip.
        var markers = page.Locator("dd .hidden-char");
        (await markers.CountAsync()).ShouldBeGreaterThanOrEqualTo(3);
        (await markers.First.IsVisibleAsync()).ShouldBeTrue();
        (await markers.First.BoundingBoxAsync())!.Width.ShouldBeGreaterThan(10);
        (await markers.First.GetAttributeAsync("title"))!.ShouldStartWith("U+200B ZERO WIDTH SPACE");
        problems.ShouldBeEmpty();
    }

    /// <summary>The text of every user-text element on the page, decoded, one per line: what a reader sees of platform values.</summary>
    private static string Shown(string html) =>
        string.Join("\n", UserTextElement().Matches(html).Select(m => WebUtility.HtmlDecode(Tag().Replace(m.Groups[1].Value, ""))));

    // Every stored case of the corpus, as the pipeline would have stored it, with an alert for PALS; by case name.
    private static async Task<Dictionary<string, long>> StoreCorpusAsync(WebApp app)
    {
        var ids = new Dictionary<string, long>();
        foreach (var hostile in HostileCorpus.Cases.Where(c => c.Mention is not null && c.ExpectReplay == "stored"))
        {
            var m = hostile.Mention!;
            ids[hostile.Name] = await StoreAsync(app, new FetchedMention
            {
                ExternalId = m.Id!, Platform = "x", Text = m.Text!, PostedAt = m.PostedAt!.Value, Url = m.Url,
                AuthorHandle = m.Author?.Handle, AuthorDisplayName = m.Author?.DisplayName, AuthorDescription = m.Author?.Description,
                RawPayload = hostile.Line,
            });
        }

        return ids;
    }

    private static FetchedMention Mention(WebApp app, string id, string text, string handle) => new()
    {
        ExternalId = id, Platform = "x", Text = text, PostedAt = app.Clock.Now.AddMinutes(-5), AuthorHandle = handle, RawPayload = "{}",
    };

    private static async Task<long> StoreAsync(WebApp app, FetchedMention mention)
    {
        var store = new MentionStore(app.Database, app.Clock);
        var stored = await store.StorePageAsync(new SourceSettings { Id = "x-hostile", Platform = "x" }, new SourcePage { Mentions = [mention] }, CancellationToken.None);
        var id = stored.ShouldHaveSingleItem();
        await using var batch = app.Database.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "insert into verdicts (mention_id, classifier_version, labels, urgent, reasons, created_at) values ($1, 'test-1', '{complaint}', false, '{rule:test}', $2)")
        {
            Parameters = { new NpgsqlParameter { Value = id }, new NpgsqlParameter { Value = app.Clock.Now } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("insert into alerts (mention_id, team, labels, urgent, raised_at) values ($1, 'pals', '{complaint}', false, $2)")
        {
            Parameters = { new NpgsqlParameter { Value = id }, new NpgsqlParameter { Value = app.Clock.Now } },
        });
        await batch.ExecuteNonQueryAsync();
        return id;
    }

    private static async Task<long> OpenFoiCaseAsync(WebApp app, long mentionId)
    {
        await using var connection = await app.Database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var caseId = await app.Services.GetRequiredService<FoiCases>().OpenForMentionAsync(connection, transaction, mentionId, CancellationToken.None);
        await transaction.CommitAsync();
        return caseId!.Value;
    }

    // A source-down notice: its details carry the platform's error body, which is platform text too.
    private static async Task<long> AddNoticeAsync(WebApp app, string detail)
    {
        await using var insert = app.Database.CreateCommand(
            """
            insert into alerts (team, labels, urgent, raised_at, kind, subject, headline, details)
            values ('comms', '{}', false, $2, 'source_silent', 'source:x-trust:silent', 'Source x-trust (x) has stopped polling', $1) returning id
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = new[] { detail } });
        insert.Parameters.Add(new NpgsqlParameter { Value = app.Clock.Now });
        return (long)(await insert.ExecuteScalarAsync())!;
    }

    [GeneratedRegex("<bdi class=\"user-text\"[^>]*>(.*?)</bdi>", RegexOptions.Singleline)]
    private static partial Regex UserTextElement();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    private static class MentionModelLimits
    {
        public const int Text = MentionWatch.Web.Pages.MentionModel.MaxTextShown;
        public const int Profile = MentionWatch.Web.Pages.MentionModel.MaxProfileShown;
    }
}
