using System.Globalization;
using MentionWatch.Foi;

namespace MentionWatch.IntegrationTests.Foi;

[Collection(ServersCollection.Name)]
public sealed class FoiCaseServiceTests(ServersFixture servers)
{
    // Posted Monday 6 Oct 2025 at 10:00 BST: due Monday 3 Nov 2025 (no bank holiday anywhere in the UK in between).
    private static readonly DateTimeOffset PostedAt = Instant("2025-10-06T10:00:00+01:00");

    [Fact]
    public async Task TransitionAsync_WholeLifecycle_EachChangeInCaseHistoryAndAuditLog()
    {
        await using var db = await FoiDatabase.CreateAsync(servers, Instant("2025-10-06T11:00:00+01:00"));
        var id = (await db.OpenForMentionAsync(await db.InsertMentionAsync("1", PostedAt, Instant("2025-10-06T10:59:00+01:00"))))!.Value;

        db.Time.Now = Instant("2025-10-07T09:00:00+01:00");
        await db.Service.TransitionAsync(id, new() { Action = FoiCaseAction.Acknowledge, Actor = "alice" }, default);
        db.Time.Now = Instant("2025-10-08T09:00:00+01:00");
        var waiting = await db.Service.TransitionAsync(id, new() { Action = FoiCaseAction.RequestClarification, Actor = "alice", Reason = "Which wards?" }, default);

        // Clarification arrives by email on Monday 20 Oct; recorded the next morning. New clock: due Monday 17 Nov.
        db.Time.Now = Instant("2025-10-21T09:00:00+01:00");
        var resumed = await db.Service.TransitionAsync(id, new()
        {
            Action = FoiCaseAction.ReceiveClarification, Actor = "alice", OccurredAt = Instant("2025-10-20T16:00:00+01:00"),
        }, default);

        // Public-interest test: 10 further working days from 17 Nov is Monday 1 Dec... which is St Andrew's substitute, so 2 Dec.
        db.Time.Now = Instant("2025-11-10T09:00:00Z");
        var extended = await db.Service.TransitionAsync(id, new()
        {
            Action = FoiCaseAction.Extend, Actor = "bob", ExtensionWorkingDays = 10, Reason = "s.43 commercial interests: public interest test",
        }, default);
        db.Time.Now = Instant("2025-11-28T15:00:00Z");
        var responded = await db.Service.TransitionAsync(id, new() { Action = FoiCaseAction.Respond, Actor = "bob" }, default);
        db.Time.Now = Instant("2025-12-01T09:00:00Z");
        var closed = await db.Service.TransitionAsync(id, new() { Action = FoiCaseAction.Close, Actor = "bob", Reason = "no review asked" }, default);

        waiting.State.ShouldBe(FoiCaseState.ClarificationRequested);
        resumed.DueDate.ShouldBe(Date("2025-11-17"));
        resumed.ClockStartedOn.ShouldBe(Date("2025-10-20"));
        extended.DueDate.ShouldBe(Date("2025-12-02"));
        responded.RespondedOnTime.ShouldBe(true);
        // Working days after 20 Oct up to 28 Nov.
        responded.WorkingDaysToRespond.ShouldBe(29);
        closed.State.ShouldBe(FoiCaseState.Closed);

        var detail = (await db.Service.GetAsync(id, default))!;
        detail.Status.Case.State.ShouldBe(FoiCaseState.Closed);
        detail.Status.Case.OriginalDueDate.ShouldBe(Date("2025-11-03"));
        detail.Status.Case.ExtensionReason.ShouldBe("s.43 commercial interests: public interest test");
        detail.Status.WorkingDaysLeft.ShouldBeNull();
        detail.History.Select(e => (e.Action, e.Actor, e.ToState)).ShouldBe(
        [
            ("open", "mentionwatch", FoiCaseState.Open),
            ("acknowledge", "alice", FoiCaseState.Acknowledged),
            ("request_clarification", "alice", FoiCaseState.ClarificationRequested),
            ("receive_clarification", "alice", FoiCaseState.Acknowledged),
            ("extend", "bob", FoiCaseState.Extended),
            ("respond", "bob", FoiCaseState.Responded),
            ("close", "bob", FoiCaseState.Closed),
        ]);
        detail.History[3].OccurredAt.ShouldBe(Instant("2025-10-20T16:00:00+01:00"));
        detail.History[3].At.ShouldBe(Instant("2025-10-21T09:00:00+01:00"));
        detail.History[2].Reason.ShouldBe("Which wards?");
        (await db.CountAsync($"select count(*) from audit_log where entity_type = 'foi_case' and entity_id = '{id}'")).ShouldBe(7);
        (await db.CountAsync($"select count(*) from audit_log where action = 'foi_case.extend' and actor = 'bob' and detail like '%due 2025-11-17 -> 2025-12-02%public interest test'")).ShouldBe(1);
        (await db.CountAsync("select count(*) from audit_log where action = 'foi_case.respond' and detail like '%on time%'")).ShouldBe(1);
    }

    [Fact]
    public async Task TransitionAsync_IllegalMove_RejectedAndNothingRecorded()
    {
        await using var db = await FoiDatabase.CreateAsync(servers, Instant("2025-10-07T09:00:00+01:00"));
        var id = (await db.OpenForMentionAsync(await db.InsertMentionAsync("1", PostedAt, PostedAt)))!.Value;

        // Closing a case that was never answered.
        await Should.ThrowAsync<FoiTransitionException>(() => db.Service.TransitionAsync(id, new() { Action = FoiCaseAction.Close, Actor = "alice" }, default));
        // An extension beyond 20 further working days.
        await Should.ThrowAsync<FoiTransitionException>(() => db.Service.TransitionAsync(id, new()
        {
            Action = FoiCaseAction.Extend, Actor = "alice", ExtensionWorkingDays = 21, Reason = "public interest test",
        }, default));
        // An extension without a reason.
        await Should.ThrowAsync<FoiTransitionException>(() => db.Service.TransitionAsync(id, new()
        {
            Action = FoiCaseAction.Extend, Actor = "alice", ExtensionWorkingDays = 5,
        }, default));
        // No such case.
        await Should.ThrowAsync<FoiTransitionException>(() => db.Service.TransitionAsync(id + 1, new() { Action = FoiCaseAction.Acknowledge, Actor = "alice" }, default));

        (await db.Service.GetAsync(id, default))!.Status.Case.State.ShouldBe(FoiCaseState.Open);
        (await db.CountAsync("select count(*) from foi_case_events")).ShouldBe(1);
        (await db.CountAsync("select count(*) from audit_log where entity_type = 'foi_case'")).ShouldBe(1);
    }

    [Theory]
    // Answered on the due date (3 Nov): on time.
    [InlineData("2025-11-03T16:00:00Z", true)]
    // Answered the next working day: late.
    [InlineData("2025-11-04T10:00:00Z", false)]
    public async Task TransitionAsync_Respond_OnTimeOrLateRecorded(string respondedAt, bool onTime)
    {
        await using var db = await FoiDatabase.CreateAsync(servers, Instant("2025-11-05T09:00:00Z"));
        var id = (await db.OpenForMentionAsync(await db.InsertMentionAsync("1", PostedAt, PostedAt)))!.Value;

        await db.Service.TransitionAsync(id, new() { Action = FoiCaseAction.Respond, Actor = "alice", OccurredAt = Instant(respondedAt) }, default);

        var stored = (await db.Service.GetAsync(id, default))!.Status.Case;
        stored.RespondedOnTime.ShouldBe(onTime);
        stored.RespondedAt.ShouldBe(Instant(respondedAt));
        (await db.CountAsync($"select count(*) from audit_log where action = 'foi_case.respond' and detail like '%{(onTime ? "on time" : "late")}'")).ShouldBe(1);
    }

    [Fact]
    public async Task OpenAsync_ByHand_ClockFromGivenReceiptAndAudited()
    {
        await using var db = await FoiDatabase.CreateAsync(servers, Instant("2025-10-13T09:00:00+01:00"));

        // A letter dated Friday evening: day one is Monday 13 Oct, due Friday 7 Nov.
        var opened = await db.Service.OpenAsync(new FoiCaseOpening
        {
            ReceivedAt = Instant("2025-10-10T18:30:00+01:00"), Requester = "J. Smith", Summary = "Agency spend 2024-25", Actor = "alice",
        }, default);

        opened.MentionId.ShouldBeNull();
        opened.DueDate.ShouldBe(Date("2025-11-07"));
        opened.Requester.ShouldBe("J. Smith");
        opened.OpenedBy.ShouldBe("alice");
        (await db.CountAsync("select count(*) from audit_log where action = 'foi_case.opened' and actor = 'alice'")).ShouldBe(1);
        await Should.ThrowAsync<FoiTransitionException>(() => db.Service.OpenAsync(new FoiCaseOpening
        {
            ReceivedAt = Instant("2025-10-14T09:00:00+01:00"), Requester = "J. Smith", Summary = "From the future", Actor = "alice",
        }, default));
    }

    [Fact]
    public async Task ListAsync_MixedCases_FewestWorkingDaysLeftFirstWithOverdueFlag()
    {
        await using var db = await FoiDatabase.CreateAsync(servers, Instant("2025-10-08T10:00:00+01:00"));
        var late = await OpenByHandAsync(db, "2025-10-01T09:00:00+01:00");     // due 29 Oct
        var soon = await OpenByHandAsync(db, "2025-10-06T09:00:00+01:00");     // due 3 Nov
        var later = await OpenByHandAsync(db, "2025-10-08T09:00:00+01:00");    // due 5 Nov
        var waiting = await OpenByHandAsync(db, "2025-10-02T09:00:00+01:00");  // clock stopped
        var answered = await OpenByHandAsync(db, "2025-10-03T09:00:00+01:00"); // answered
        db.Time.Now = Instant("2025-10-09T09:00:00+01:00");
        await db.Service.TransitionAsync(waiting, new() { Action = FoiCaseAction.RequestClarification, Actor = "alice", Reason = "Which year?" }, default);
        await db.Service.TransitionAsync(answered, new() { Action = FoiCaseAction.Respond, Actor = "alice" }, default);

        // Thursday 30 Oct 2025.
        db.Time.Now = Instant("2025-10-30T09:00:00Z");
        var list = await db.Service.ListAsync(includeFinished: false, default);

        list.Select(s => s.Case.Id).ShouldBe([late, soon, later, waiting]);
        list.Select(s => s.WorkingDaysLeft).ShouldBe([-1, 2, 4, null]);
        list.Select(s => s.IsOverdue).ShouldBe([true, false, false, false]);
        (await db.Service.ListAsync(includeFinished: true, default)).Select(s => s.Case.Id).ShouldContain(answered);
    }

    [Fact]
    public async Task WriteCsvAsync_DateRange_OnlyCasesReceivedInRangeWithFormulaTextNeutralised()
    {
        await using var db = await FoiDatabase.CreateAsync(servers, Instant("2025-11-10T09:00:00Z"));
        var inRange = (await db.Service.OpenAsync(new FoiCaseOpening
        {
            ReceivedAt = Instant("2025-10-06T10:00:00+01:00"), Requester = "=HYPERLINK(\"x\")", Summary = "Beds, \"out of area\"", Actor = "alice",
        }, default)).Id;
        await OpenByHandAsync(db, "2025-09-30T10:00:00+01:00");

        await using var output = new StringWriter();
        await db.Service.WriteCsvAsync(Date("2025-10-01"), Date("2025-10-31"), output, default);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        lines[0].ShouldBe(FoiCaseCsv.Header);
        lines.Count.ShouldBe(2);
        lines[1].ShouldBe($"{inRange},,2025-10-06T09:00:00Z,2025-10-06,2025-11-03,2025-11-03,open,-5,true,,,,,,\"'=HYPERLINK(\"\"x\"\")\",\"Beds, \"\"out of area\"\"\"");
    }

    private static async Task<long> OpenByHandAsync(FoiDatabase db, string receivedAt) =>
        (await db.Service.OpenAsync(new FoiCaseOpening { ReceivedAt = Instant(receivedAt), Requester = "R", Summary = "S", Actor = "alice" }, default)).Id;

    private static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
