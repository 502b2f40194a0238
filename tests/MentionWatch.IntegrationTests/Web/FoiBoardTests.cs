using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using MentionWatch.Foi;
using MentionWatch.Web.Accounts;
using MentionWatch.Web.Pages.Foi;
using Microsoft.Extensions.DependencyInjection;

namespace MentionWatch.IntegrationTests.Web;

[Collection(ServersCollection.Name)]
public sealed partial class FoiBoardTests(ServersFixture servers)
{
    [Fact]
    public async Task Board_OpenCases_ByWorkingDaysLeftWithOverdueMarkedInWords()
    {
        await using var app = await WebApp.StartAsync(servers);
        var now = app.Clock.Now;
        // Opened out of urgency order, so the list's order cannot come from the ids.
        var fresh = await TestFoiCases.OpenAsync(app, now.AddDays(-1), requester: "Fresh Requester");
        // 45 calendar days ago is past any due date (at most 40 calendar days after receipt).
        var overdue = await TestFoiCases.OpenAsync(app, now.AddDays(-45), requester: "Late Requester");
        var (mentionId, fromPost) = await TestFoiCases.OpenForMentionAsync(app, "FOI request: how many agency nurses did you use last year?", now.AddDays(-20));
        var waiting = await TestFoiCases.OpenAsync(app, now.AddDays(-30), requester: "Waiting Requester");
        await TestFoiCases.Service(app).TransitionAsync(waiting, new() { Action = FoiCaseAction.RequestClarification, Actor = "test", Reason = "Which year?" }, default);
        var finished = await TestFoiCases.OpenAsync(app, now.AddDays(-2), requester: "Finished Requester");
        await TestFoiCases.Service(app).TransitionAsync(finished, new() { Action = FoiCaseAction.Withdraw, Actor = "test", Reason = "Withdrawn by email" }, default);
        var client = await app.SignedInAsync("fay", Roles.Foi);

        var board = await client.GetStringAsync("/foi");
        var everything = await client.GetStringAsync("/foi?all=true");

        // Running clocks by working days left (most overdue first), then the stopped clock; finished cases hidden.
        CaseOrder(board).ShouldBe([overdue, fromPost, fresh, waiting]);
        CaseOrder(everything).ShouldBe([overdue, fromPost, fresh, waiting, finished]);
        var overdueRow = Row(board, overdue);
        overdueRow.ShouldContain("class=\"urgent overdue\"");
        overdueRow.ShouldContain("<strong class=\"tag tag-urgent\">Overdue by ");
        overdueRow.ShouldContain("Opened by hand");
        Row(board, fresh).ShouldNotContain("Overdue");
        var clock = app.Services.GetRequiredService<FoiClock>();
        var today = clock.Today(app.Clock);
        Row(board, fresh).ShouldContain($"{clock.WorkingDaysLeft(clock.DueDate(now.AddDays(-1)), today)} working days left");
        Row(board, fromPost).ShouldContain($"href=\"/mentions/{mentionId}\"");
        Row(board, fromPost).ShouldContain("curious_citizen");
        Row(board, waiting).ShouldContain("Clarification requested");
        Row(board, waiting).ShouldContain("Clock stopped");
        board.ShouldNotContain("Finished Requester");
        Row(everything, finished).ShouldContain("Withdrawn");
        board.ShouldContain("<a href=\"/foi\">FOI board</a>");
    }

    [Fact]
    public async Task CasePage_RequestThenReceiveClarificationThroughForms_MovesCaseAndAuditsWhoWhenWhy()
    {
        await using var app = await WebApp.StartAsync(servers);
        var id = await TestFoiCases.OpenAsync(app, app.Clock.Now.AddDays(-3));
        var client = await app.SignedInAsync("fay", Roles.Foi);
        var page = $"/foi/{id}";
        var before = await client.GetStringAsync(page);

        var asked = await WebApp.PostFormAsync(client, page, $"{page}?handler=Move", new() { ["action"] = "request_clarification", ["reason"] = "Which wards do you mean?" });
        var waiting = await client.GetStringAsync(page);

        // Only the moves the law allows from "open" are offered; closing needs a response first.
        before.ShouldContain("value=\"request_clarification\"");
        before.ShouldContain("value=\"acknowledge\"");
        before.ShouldNotContain("value=\"close\"");
        asked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        asked.Headers.Location!.ToString().ShouldBe(page);
        (await TestFoiCases.StateAsync(app, id)).ShouldBe("clarification_requested");
        (await app.ScalarAsync(
            "select count(*) from audit_log where action = 'foi_case.request_clarification' and actor = 'fay' and entity_type = 'foi_case' and entity_id = @id and detail like '%Which wards do you mean?'",
            ("id", id.ToString(CultureInfo.InvariantCulture)))).ShouldBe(1);
        (await app.TextAsync("select actor || ': ' || reason from foi_case_events where case_id = @id and action = 'request_clarification'", ("id", id)))
            .ShouldBe("fay: Which wards do you mean?");
        waiting.ShouldContain("Case " + id.ToString(CultureInfo.InvariantCulture) + " is now clarification requested.");
        waiting.ShouldContain("<td>fay</td>");
        waiting.ShouldContain("Which wards do you mean?");
        waiting.ShouldContain("value=\"receive_clarification\"");
        waiting.ShouldNotContain("value=\"request_clarification\"");
    }

    [Fact]
    public async Task CasePage_ClarificationReceivedThroughForm_TwentyWorkingDaysRunFromItsUkReceipt()
    {
        await using var app = await WebApp.StartAsync(servers);
        var id = await TestFoiCases.OpenAsync(app, Instant("2025-09-01T09:00:00Z"));
        await TestFoiCases.Service(app).TransitionAsync(id, new()
        {
            Action = FoiCaseAction.RequestClarification, Actor = "test", Reason = "Which wards?", OccurredAt = Instant("2025-09-02T09:00:00Z"),
        }, default);
        var client = await app.SignedInAsync("fay", Roles.Foi);
        var page = $"/foi/{id}";

        // The answer came by email on Monday 6 Oct 2025 at 10:00 BST, recorded today: due 20 working days on, Monday 3 Nov.
        var received = await WebApp.PostFormAsync(client, page, $"{page}?handler=Move", new() { ["action"] = "receive_clarification", ["occurredAt"] = "2025-10-06T10:00" });

        received.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.TextAsync("select state || ' ' || clock_started_on::text || ' ' || due_date::text from foi_cases where id = @id", ("id", id)))
            .ShouldBe("acknowledged 2025-10-06 2025-11-03");
        (await app.TextAsync("select to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') from foi_case_events where case_id = @id and action = 'receive_clarification'", ("id", id)))
            .ShouldBe("2025-10-06 09:00", "10:00 BST is 09:00 UTC");
        (await app.ScalarAsync("select count(*) from audit_log where action = 'foi_case.receive_clarification' and actor = 'fay'")).ShouldBe(1);
        (await client.GetStringAsync(page)).ShouldContain("(first due Mon 29 Sept 2025)");
    }

    [Theory]
    // Closing an open case skips the response the law requires.
    [InlineData("close", "", "cannot close")]
    // Clarification cannot be received when none was asked for.
    [InlineData("receive_clarification", "2025-10-06T10:00", "cannot receive clarification")]
    public async Task CasePage_ForgedIllegalTransition_RefusedWithTheReason(string action, string occurredAt, string reason)
    {
        await using var app = await WebApp.StartAsync(servers);
        var id = await TestFoiCases.OpenAsync(app, app.Clock.Now.AddDays(-3));
        var client = await app.SignedInAsync("fay", Roles.Foi);
        var page = $"/foi/{id}";

        var forged = await WebApp.PostFormAsync(client, page, $"{page}?handler=Move", new() { ["action"] = action, ["occurredAt"] = occurredAt });
        var shown = await client.GetStringAsync(page);

        forged.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        shown.ShouldContain("That change was not made");
        shown.ShouldContain(reason);
        (await TestFoiCases.StateAsync(app, id)).ShouldBe("open");
        (await app.ScalarAsync("select count(*) from foi_case_events where case_id = @id", ("id", id))).ShouldBe(1, "only the opening");
        (await app.ScalarAsync("select count(*) from audit_log where action = @action", ("action", "foi_case." + action))).ShouldBe(0);
    }

    [Fact]
    public async Task CasePage_Extend_ChosenDueDateWithinTheCapOnlyAndWithAReason()
    {
        await using var app = await WebApp.StartAsync(servers);
        var id = await TestFoiCases.OpenAsync(app, app.Clock.Now.AddDays(-3));
        var due = (await TestFoiCases.Service(app).GetAsync(id, default))!.Status.Case.DueDate;
        var clock = app.Services.GetRequiredService<FoiClock>();
        var client = await app.SignedInAsync("fay", Roles.Foi);
        var page = $"/foi/{id}";
        var form = await client.GetStringAsync(page);

        // A forged 21 further working days is past the statutory cap of 20.
        var tooLong = await WebApp.PostFormAsync(client, page, $"{page}?handler=Move", new() { ["action"] = "extend", ["extensionWorkingDays"] = "21", ["reason"] = "s.36 prejudice" });
        var refused = await client.GetStringAsync(page);
        // No reason: the public interest test must be recorded.
        await WebApp.PostFormAsync(client, page, $"{page}?handler=Move", new() { ["action"] = "extend", ["extensionWorkingDays"] = "5" });
        var noReason = await client.GetStringAsync(page);
        var extended = await WebApp.PostFormAsync(client, page, $"{page}?handler=Move", new() { ["action"] = "extend", ["extensionWorkingDays"] = "5", ["reason"] = "s.36 prejudice" });

        form.ShouldContain($"<option value=\"20\">{FoiDisplay.Date(clock.ExtendDueDate(due, 20))} (20 more working days)</option>");
        form.ShouldNotContain("<option value=\"21\"");
        tooLong.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.ShouldContain("1 to 20 further working days, not 21");
        noReason.ShouldContain("extend needs a reason");
        extended.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.TextAsync("select state || ' ' || due_date::text || ' ' || extension_reason from foi_cases where id = @id", ("id", id)))
            .ShouldBe($"extended {clock.ExtendDueDate(due, 5):yyyy-MM-dd} s.36 prejudice");
        (await app.ScalarAsync("select count(*) from audit_log where action = 'foi_case.extend' and actor = 'fay'")).ShouldBe(1);
    }

    [Fact]
    public async Task Pages_HostileRequesterAndSummary_RenderedAsText()
    {
        await using var app = await WebApp.StartAsync(servers);
        var id = await TestFoiCases.OpenAsync(app, app.Clock.Now.AddDays(-3), requester: "<script>alert('r')</script>", summary: "<img src=x onerror=alert(1)>");
        var client = await app.SignedInAsync("fay", Roles.Foi);

        var board = await client.GetStringAsync("/foi");
        var casePage = await client.GetStringAsync($"/foi/{id}");

        board.ShouldContain("&lt;script&gt;alert(&#x27;r&#x27;)&lt;/script&gt;");
        board.ShouldNotContain("<script");
        casePage.ShouldContain("&lt;img src=x onerror=alert(1)&gt;");
        casePage.ShouldNotContain("<img");
        casePage.ShouldNotContain("<script");
    }

    [Fact]
    public async Task CasePage_RespondThenClose_OnTimeRecordedAndNothingOfferedAfter()
    {
        await using var app = await WebApp.StartAsync(servers);
        var id = await TestFoiCases.OpenAsync(app, app.Clock.Now.AddDays(-3));
        var client = await app.SignedInAsync("fay", Roles.Foi);
        var page = $"/foi/{id}";

        // Sent time left empty: the response went now.
        await WebApp.PostFormAsync(client, page, $"{page}?handler=Move", new() { ["action"] = "respond", ["occurredAt"] = "" });
        var responded = await client.GetStringAsync(page);
        await WebApp.PostFormAsync(client, page, $"{page}?handler=Move", new() { ["action"] = "close", ["reason"] = "No internal review asked" });
        var closed = await client.GetStringAsync(page);

        responded.ShouldContain($"Case {id} is now responded, on time.");
        responded.ShouldContain("value=\"close\"");
        responded.ShouldNotContain("value=\"withdraw\"");
        closed.ShouldContain("Nothing: the case is closed.");
        closed.ShouldNotContain("handler=Move");
        (await app.TextAsync("select state || ' ' || responded_on_time::text from foi_cases where id = @id", ("id", id))).ShouldBe("closed true");
        (await app.ScalarAsync("select count(*) from audit_log where action in ('foi_case.respond', 'foi_case.close') and actor = 'fay'")).ShouldBe(2);
    }

    [Fact]
    public async Task ReminderLink_FoiCasesPath_SentToTheCasePage()
    {
        await using var app = await WebApp.StartAsync(servers);
        var id = await TestFoiCases.OpenAsync(app, app.Clock.Now.AddDays(-3));
        var client = await app.SignedInAsync("fay", Roles.Foi);

        // FOI reminders (notices in the inbox) link to foi/cases/{id}.
        var response = await client.GetAsync($"/foi/cases/{id}");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe($"/foi/{id}");
    }

    [Fact]
    public async Task CasePage_UnknownAction_Rejected400()
    {
        await using var app = await WebApp.StartAsync(servers);
        var id = await TestFoiCases.OpenAsync(app, app.Clock.Now.AddDays(-3));
        var client = await app.SignedInAsync("fay", Roles.Foi);

        var response = await WebApp.PostFormAsync(client, $"/foi/{id}", $"/foi/{id}?handler=Move", new() { ["action"] = "delete" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TestFoiCases.StateAsync(app, id)).ShouldBe("open");
    }

    [Fact]
    public async Task Board_OpenByHandThroughForm_ClockRunsFromUkReceiptTime()
    {
        await using var app = await WebApp.StartAsync(servers);
        var client = await app.SignedInAsync("fay", Roles.Foi);

        // Received by email on Monday 6 Oct 2025 at 00:30 BST, which is still Sunday 5 Oct in UTC: the UK date counts.
        var response = await WebApp.PostFormAsync(client, "/foi", "/foi?handler=Open",
            new() { ["receivedAt"] = "2025-10-06T00:30", ["requester"] = "A. Letter-Writer", ["summary"] = "Car parking income 2024/25" });
        var id = await app.ScalarAsync("select id from foi_cases where requester = 'A. Letter-Writer'");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe($"/foi/{id}");
        (await app.TextAsync("select received_on::text || ' ' || due_date::text || ' ' || opened_by from foi_cases where id = @id", ("id", id)))
            .ShouldBe("2025-10-06 2025-11-03 fay");
        (await client.GetStringAsync($"/foi/{id}")).ShouldContain("Car parking income 2024/25");
    }

    [Theory]
    // PALS, comms and SPA have no business with FOI cases: the board, a case and the forms are all refused.
    [InlineData(Roles.Pals)]
    [InlineData(Roles.Comms)]
    [InlineData(Roles.Spa)]
    public async Task Board_OtherTeams_SentToDeniedAndCannotOpenOrMoveCases(string role)
    {
        await using var app = await WebApp.StartAsync(servers);
        var id = await TestFoiCases.OpenAsync(app, app.Clock.Now.AddDays(-3));
        var client = await app.SignedInAsync("other", role);

        var board = await client.GetAsync("/foi");
        var casePage = await client.GetAsync($"/foi/{id}");
        var reminderLink = await client.GetAsync($"/foi/cases/{id}");
        var csv = await client.GetAsync("/foi?handler=Csv");
        // A valid token from a page they may open, so only the role can stop these posts.
        var move = await WebApp.PostFormAsync(client, "/inbox", $"/foi/{id}?handler=Move", new() { ["action"] = "acknowledge" });
        var open = await WebApp.PostFormAsync(client, "/inbox", "/foi?handler=Open",
            new() { ["receivedAt"] = "2025-10-06T10:00", ["requester"] = "x", ["summary"] = "y" });

        foreach (var response in new[] { board, casePage, reminderLink, csv, move, open })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            response.Headers.Location!.ToString().ShouldStartWith("http://localhost/denied");
        }

        (await TestFoiCases.StateAsync(app, id)).ShouldBe("open");
        (await app.ScalarAsync("select count(*) from foi_cases")).ShouldBe(1);
        (await client.GetStringAsync("/inbox")).ShouldNotContain("href=\"/foi\"");
    }

    [Theory]
    // Admin sees everything, the FOI board included.
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Foi)]
    public async Task Board_FoiAndAdmin_Allowed(string role)
    {
        await using var app = await WebApp.StartAsync(servers);
        var client = await app.SignedInAsync("someone", role);

        (await client.GetAsync("/foi")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/foi")]
    [InlineData("/foi/1")]
    [InlineData("/foi/cases/1")]
    [InlineData("/foi?handler=Csv")]
    public async Task Board_Stranger_RedirectedToSignIn(string path)
    {
        await using var app = await WebApp.StartAsync(servers);

        var response = await app.Browser().GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldStartWith("http://localhost/signin?ReturnUrl=");
    }

    [Theory]
    // A transition posted without the token (a cross-site forgery) is refused before it reaches the case.
    [InlineData("/foi/{0}?handler=Move", "action=acknowledge")]
    // So is opening a case.
    [InlineData("/foi?handler=Open", "receivedAt=2025-10-06T10%3A00&requester=x&summary=y")]
    public async Task Post_WithoutAntiforgeryToken_Rejected400(string action, string body)
    {
        await using var app = await WebApp.StartAsync(servers);
        var id = await TestFoiCases.OpenAsync(app, app.Clock.Now.AddDays(-3));
        var client = await app.SignedInAsync("fay", Roles.Foi);

        var forged = await client.PostAsync(string.Format(CultureInfo.InvariantCulture, action, id),
            new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TestFoiCases.StateAsync(app, id)).ShouldBe("open");
        (await app.ScalarAsync("select count(*) from foi_cases")).ShouldBe(1);
    }

    [Fact]
    public async Task Csv_ForRange_AttachmentWithTheCasesAndFormulasNeutralised()
    {
        await using var app = await WebApp.StartAsync(servers);
        var inRange = await TestFoiCases.OpenAsync(app, Instant("2025-03-03T10:00:00Z"), requester: "=HYPERLINK(\"http://evil.example\",\"x\")", summary: "Beds, \"out of area\"");
        var alsoInRange = await TestFoiCases.OpenAsync(app, Instant("2025-03-31T22:30:00Z"), requester: "@SUM(A1)", summary: "-2+3");
        await TestFoiCases.OpenAsync(app, Instant("2025-04-15T10:00:00Z"), requester: "Not In Range");
        var client = await app.SignedInAsync("fay", Roles.Foi);

        var board = await client.GetStringAsync("/foi?from=2025-03-01&to=2025-03-31");
        var response = await client.GetAsync("/foi?handler=Csv&from=2025-03-01&to=2025-03-31");
        var csv = await response.Content.ReadAsStringAsync();
        var lines = csv.TrimEnd().Split("\r\n").SelectMany(l => l.Split('\n')).ToArray();

        board.ShouldContain("href=\"/foi?from=2025-03-01&amp;to=2025-03-31&amp;handler=Csv\"");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Content.Headers.ContentDisposition.FileName.ShouldBe("foi-cases-2025-03-01-to-2025-03-31.csv");
        lines[0].ShouldBe(FoiCaseCsv.Header);
        lines.Length.ShouldBe(3);
        lines[1].ShouldStartWith($"{inRange},,2025-03-03T10:00:00Z,2025-03-03,");
        // 22:30 UTC on 31 March is 23:30 BST: still March in the UK, so in range.
        lines[2].ShouldStartWith($"{alsoInRange},,2025-03-31T22:30:00Z,2025-03-31,");
        lines[1].ShouldEndWith(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",\"Beds, \"\"out of area\"\"\"");
        lines[2].ShouldEndWith(",\"'@SUM(A1)\",\"'-2+3\"");
        csv.ShouldNotContain("Not In Range");
        (await app.ScalarAsync("select count(*) from audit_log where action = 'foi_case.exported' and actor = 'fay' and detail = '2025-03-01 to 2025-03-31'")).ShouldBe(1);
        (await client.GetAsync("/foi?handler=Csv&from=2025-03-31&to=2025-03-01")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Board_FiguresForRange_Shown()
    {
        await using var app = await WebApp.StartAsync(servers);
        var service = TestFoiCases.Service(app);
        // Monday 3 March 2025, answered Monday 10 March: 5 working days, on time.
        var quick = await TestFoiCases.OpenAsync(app, Instant("2025-03-03T10:00:00Z"));
        await service.TransitionAsync(quick, new() { Action = FoiCaseAction.Respond, Actor = "test", OccurredAt = Instant("2025-03-10T15:00:00Z") }, default);
        // Tuesday 4 March, answered 30 April: 38 working days (St Patrick's Day, Good Friday and Easter Monday do not count), late.
        var slow = await TestFoiCases.OpenAsync(app, Instant("2025-03-04T10:00:00Z"));
        await service.TransitionAsync(slow, new() { Action = FoiCaseAction.Respond, Actor = "test", OccurredAt = Instant("2025-04-30T15:00:00Z") }, default);
        // Wednesday 5 March, never answered: overdue now.
        await TestFoiCases.OpenAsync(app, Instant("2025-03-05T10:00:00Z"));
        // Received in April: outside the range.
        await TestFoiCases.OpenAsync(app, Instant("2025-04-02T10:00:00Z"));
        var client = await app.SignedInAsync("fay", Roles.Foi);

        var board = await client.GetStringAsync("/foi?from=2025-03-01&to=2025-03-31");
        var figures = Regex.Replace(FiguresPattern().Match(board).Value, @"\s+", " ");

        figures.ShouldContain("<dt>Requests received Sat 1 Mar 2025 to Mon 31 Mar 2025</dt> <dd>3</dd>");
        // One in time out of two answered plus one overdue.
        figures.ShouldContain("33.3% (1 of 3 answered or overdue; 1 answered within 20 working days without an extension)");
        figures.ShouldContain("<dt>Overdue now</dt> <dd>1</dd>");
        // The median of 5 and 38.
        figures.ShouldContain("<dt>Median working days to respond</dt> <dd>21.5</dd>");
        (await client.GetStringAsync("/foi?from=2025-03-31&to=2025-03-01")).ShouldContain("The range ends before it starts.");
    }

    private static long[] CaseOrder(string html) =>
        [.. CaseRowPattern().Matches(html).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    private static string Row(string html, long caseId)
    {
        var start = html.IndexOf($"data-case=\"{caseId}\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, $"case {caseId} is not on the board");
        start = html.LastIndexOf("<tr", start, StringComparison.Ordinal);
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    [GeneratedRegex("data-case=\"(\\d+)\"")]
    private static partial Regex CaseRowPattern();

    [GeneratedRegex("<dl class=\"summary\" id=\"foi-figures\">.*?</dl>", RegexOptions.Singleline)]
    private static partial Regex FiguresPattern();
}
