using System.Globalization;
using MentionWatch.Foi;

namespace MentionWatch.Tests.Foi;

public sealed class FoiCaseRulesTests
{
    private static readonly FoiClock Clock = FoiClock.Default;

    // Received Monday 6 Oct 2025 (BST); 20 working days later is Monday 3 Nov (no bank holiday in between).
    private static readonly FoiCase Received = new()
    {
        Id = 7,
        ReceivedAt = Instant("2025-10-06T10:00:00+01:00"),
        ReceivedOn = Date("2025-10-06"),
        ClockStartedOn = Date("2025-10-06"),
        DueDate = Date("2025-11-03"),
        OriginalDueDate = Date("2025-11-03"),
        State = FoiCaseState.Open,
        OpenedBy = "mentionwatch",
        OpenedAt = Instant("2025-10-06T10:05:00+01:00"),
        UpdatedAt = Instant("2025-10-06T10:05:00+01:00"),
    };

    [Theory]
    // The legal moves, one row per (state, action) the law and the workflow allow.
    [InlineData(FoiCaseState.Open, FoiCaseAction.Acknowledge, FoiCaseState.Acknowledged)]
    [InlineData(FoiCaseState.Open, FoiCaseAction.RequestClarification, FoiCaseState.ClarificationRequested)]
    [InlineData(FoiCaseState.Open, FoiCaseAction.Extend, FoiCaseState.Extended)]
    [InlineData(FoiCaseState.Open, FoiCaseAction.Respond, FoiCaseState.Responded)]
    [InlineData(FoiCaseState.Open, FoiCaseAction.Withdraw, FoiCaseState.Withdrawn)]
    [InlineData(FoiCaseState.Acknowledged, FoiCaseAction.RequestClarification, FoiCaseState.ClarificationRequested)]
    [InlineData(FoiCaseState.Acknowledged, FoiCaseAction.Extend, FoiCaseState.Extended)]
    [InlineData(FoiCaseState.Acknowledged, FoiCaseAction.Respond, FoiCaseState.Responded)]
    [InlineData(FoiCaseState.Acknowledged, FoiCaseAction.Withdraw, FoiCaseState.Withdrawn)]
    // Clarification arriving puts the case back in hand with a new clock; the requester may also give up.
    [InlineData(FoiCaseState.ClarificationRequested, FoiCaseAction.ReceiveClarification, FoiCaseState.Acknowledged)]
    [InlineData(FoiCaseState.ClarificationRequested, FoiCaseAction.Withdraw, FoiCaseState.Withdrawn)]
    [InlineData(FoiCaseState.Extended, FoiCaseAction.Respond, FoiCaseState.Responded)]
    [InlineData(FoiCaseState.Extended, FoiCaseAction.Withdraw, FoiCaseState.Withdrawn)]
    [InlineData(FoiCaseState.Responded, FoiCaseAction.Close, FoiCaseState.Closed)]
    public void Apply_LegalMove_ReachesState(FoiCaseState from, FoiCaseAction action, FoiCaseState expected)
    {
        var current = Received with { State = from, ClarificationRequestedAt = from == FoiCaseState.ClarificationRequested ? Received.ReceivedAt : null };

        var next = FoiCaseRules.Apply(current, Move(action), Clock, Instant("2025-10-20T12:00:00+01:00"));

        next.State.ShouldBe(expected);
    }

    [Fact]
    public void Apply_EveryOtherStateAndAction_IsRejectedNamingTheState()
    {
        var legal = new HashSet<(FoiCaseState, FoiCaseAction)>
        {
            (FoiCaseState.Open, FoiCaseAction.Acknowledge), (FoiCaseState.Open, FoiCaseAction.RequestClarification),
            (FoiCaseState.Open, FoiCaseAction.Extend), (FoiCaseState.Open, FoiCaseAction.Respond), (FoiCaseState.Open, FoiCaseAction.Withdraw),
            (FoiCaseState.Acknowledged, FoiCaseAction.RequestClarification), (FoiCaseState.Acknowledged, FoiCaseAction.Extend),
            (FoiCaseState.Acknowledged, FoiCaseAction.Respond), (FoiCaseState.Acknowledged, FoiCaseAction.Withdraw),
            (FoiCaseState.ClarificationRequested, FoiCaseAction.ReceiveClarification), (FoiCaseState.ClarificationRequested, FoiCaseAction.Withdraw),
            (FoiCaseState.Extended, FoiCaseAction.Respond), (FoiCaseState.Extended, FoiCaseAction.Withdraw),
            (FoiCaseState.Responded, FoiCaseAction.Close),
        };
        var rejected = 0;
        foreach (var state in Enum.GetValues<FoiCaseState>())
        {
            foreach (var action in Enum.GetValues<FoiCaseAction>().Where(a => !legal.Contains((state, a))))
            {
                var error = Should.Throw<FoiTransitionException>(
                    () => FoiCaseRules.Apply(Received with { State = state }, Move(action), Clock, Instant("2025-10-20T12:00:00+01:00")));
                error.Message.ShouldContain(FoiCaseStates.ToText(state));
                FoiCaseRules.IsAllowed(state, action).ShouldBeFalse();
                rejected++;
            }
        }

        // 7 states × 7 actions, less the 14 legal moves: closed and withdrawn accept nothing.
        rejected.ShouldBe(35);
    }

    [Fact]
    public void Apply_ClarificationReceived_TwentyWorkingDaysRunFromItsReceipt()
    {
        var waiting = FoiCaseRules.Apply(Received, Move(FoiCaseAction.RequestClarification), Clock, Instant("2025-10-08T09:00:00+01:00"));

        // Arrived Saturday 18 Oct 2025: counted like a fresh request received that day, so due Friday 14 Nov.
        var resumed = FoiCaseRules.Apply(
            waiting, Move(FoiCaseAction.ReceiveClarification) with { OccurredAt = Instant("2025-10-18T11:00:00+01:00") }, Clock, Instant("2025-10-20T09:00:00+01:00"));

        waiting.ClarificationRequestedAt.ShouldBe(Instant("2025-10-08T09:00:00+01:00"));
        resumed.ClockStartedOn.ShouldBe(Date("2025-10-18"));
        resumed.DueDate.ShouldBe(Date("2025-11-14"));
        resumed.OriginalDueDate.ShouldBe(Date("2025-11-03"));
        resumed.ClarificationRequestedAt.ShouldBeNull();
    }

    [Fact]
    public void Apply_ClarificationBeforeItWasAsked_Rejected()
    {
        var waiting = FoiCaseRules.Apply(Received, Move(FoiCaseAction.RequestClarification), Clock, Instant("2025-10-08T09:00:00+01:00"));

        Should.Throw<FoiTransitionException>(() => FoiCaseRules.Apply(
            waiting, Move(FoiCaseAction.ReceiveClarification) with { OccurredAt = Instant("2025-10-07T09:00:00+01:00") }, Clock, Instant("2025-10-09T09:00:00+01:00")));
    }

    [Theory]
    // The full 20 further working days from 3 Nov: Scotland's St Andrew's substitute (Mon 1 Dec) is skipped, so 2 Dec.
    [InlineData(20, "2025-12-02")]
    // A single further day.
    [InlineData(1, "2025-11-04")]
    public void Apply_ExtendWithinCapAndReason_MovesDueDate(int days, string expected)
    {
        var next = FoiCaseRules.Apply(Received, Move(FoiCaseAction.Extend) with { ExtensionWorkingDays = days }, Clock, Instant("2025-10-20T12:00:00+01:00"));

        next.DueDate.ShouldBe(Date(expected));
        next.ExtensionWorkingDays.ShouldBe(days);
        next.ExtensionReason.ShouldBe("public interest test");
    }

    [Theory]
    // Beyond the ICO's cap of 20 further working days.
    [InlineData(21, "public interest test", "2025-10-20T12:00:00+01:00", "1 to 20")]
    // Zero is not an extension.
    [InlineData(0, "public interest test", "2025-10-20T12:00:00+01:00", "1 to 20")]
    // No number of days at all.
    [InlineData(null, "public interest test", "2025-10-20T12:00:00+01:00", "number of further working days")]
    // No reason.
    [InlineData(10, null, "2025-10-20T12:00:00+01:00", "needs a reason")]
    [InlineData(10, "  ", "2025-10-20T12:00:00+01:00", "needs a reason")]
    // Claimed the day after the due date: s.17(2) needs the notice within the 20 working days.
    [InlineData(10, "public interest test", "2025-11-04T09:00:00Z", "by the due date")]
    public void Apply_ExtendOutsideTheLaw_Rejected(int? days, string? reason, string now, string message)
    {
        var error = Should.Throw<FoiTransitionException>(() => FoiCaseRules.Apply(
            Received, new FoiTransition { Action = FoiCaseAction.Extend, Actor = "officer", Reason = reason, ExtensionWorkingDays = days }, Clock, Instant(now)));

        error.Message.ShouldContain(message);
    }

    [Fact]
    public void Apply_SecondExtension_Rejected()
    {
        var extended = FoiCaseRules.Apply(Received, Move(FoiCaseAction.Extend) with { ExtensionWorkingDays = 5 }, Clock, Instant("2025-10-20T12:00:00+01:00"));

        Should.Throw<FoiTransitionException>(() => FoiCaseRules.Apply(extended, Move(FoiCaseAction.Extend) with { ExtensionWorkingDays = 5 }, Clock, Instant("2025-10-21T12:00:00+01:00")));
    }

    [Theory]
    // On the due date itself, late in the evening: on time, 20 working days.
    [InlineData("2025-11-03T22:00:00Z", true, 20)]
    // 23:30 UTC on 3 Nov is still 3 Nov in London (GMT): on time.
    [InlineData("2025-11-03T23:30:00Z", true, 20)]
    // The next working day: late, 21 working days.
    [InlineData("2025-11-04T09:00:00Z", false, 21)]
    // Early: 8 working days after receipt.
    [InlineData("2025-10-16T15:00:00+01:00", true, 8)]
    public void Apply_Respond_RecordsOnTimeOrLateAndWorkingDays(string respondedAt, bool onTime, int workingDays)
    {
        var at = Instant(respondedAt);

        var next = FoiCaseRules.Apply(Received, Move(FoiCaseAction.Respond) with { OccurredAt = at }, Clock, at.AddHours(1));

        next.RespondedOnTime.ShouldBe(onTime);
        next.WorkingDaysToRespond.ShouldBe(workingDays);
        next.RespondedOn.ShouldBe(Clock.ReceivedOn(at));
    }

    [Theory]
    // A withdrawal and a clarification request need a reason as well as an extension.
    [InlineData(FoiCaseAction.Withdraw)]
    [InlineData(FoiCaseAction.RequestClarification)]
    public void Apply_ReasonRequiredButMissing_Rejected(FoiCaseAction action)
    {
        Should.Throw<FoiTransitionException>(() => FoiCaseRules.Apply(
            Received, new FoiTransition { Action = action, Actor = "officer" }, Clock, Instant("2025-10-20T12:00:00+01:00")))
            .Message.ShouldContain("needs a reason");
    }

    [Theory]
    // Recorded as happening in the future.
    [InlineData("2025-10-21T12:00:00+01:00")]
    // Before the request itself was received.
    [InlineData("2025-10-06T09:59:00+01:00")]
    public void Apply_OccurredAtOutsideReceiptToNow_Rejected(string occurredAt)
    {
        Should.Throw<FoiTransitionException>(() => FoiCaseRules.Apply(
            Received, Move(FoiCaseAction.Respond) with { OccurredAt = Instant(occurredAt) }, Clock, Instant("2025-10-20T12:00:00+01:00")));
    }

    private static FoiTransition Move(FoiCaseAction action) => new()
    {
        Action = action,
        Actor = "officer",
        Reason = "public interest test",
        ExtensionWorkingDays = action == FoiCaseAction.Extend ? 10 : null,
    };

    private static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
