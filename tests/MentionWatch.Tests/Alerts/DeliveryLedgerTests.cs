using MentionWatch.Alerts;

namespace MentionWatch.Tests.Alerts;

public sealed class DeliveryLedgerTests
{
    [Fact]
    public void TryBegin_WhileThisProcessSendsIt_Refused()
    {
        var ledger = new DeliveryLedger();

        ledger.TryBegin("alert-1-email-0", out _, out _).ShouldBeTrue();

        ledger.TryBegin("alert-1-email-0", out _, out _).ShouldBeFalse();
        ledger.TryBegin("alert-1-teams-1", out _, out _).ShouldBeTrue();
    }

    [Fact]
    public void TryBegin_AfterASendWhoseRecordFailed_SameTokenAndKnowsItWent()
    {
        var ledger = new DeliveryLedger();
        ledger.TryBegin("alert-1-email-0", out var first, out _);
        ledger.MarkSent("alert-1-email-0");
        ledger.End("alert-1-email-0", recorded: false);

        ledger.TryBegin("alert-1-email-0", out var second, out var sent).ShouldBeTrue();

        second.ShouldBe(first);
        sent.ShouldBeTrue();
        ledger.Unrecorded.ShouldBe(1);
    }

    [Fact]
    public void End_Recorded_Forgotten()
    {
        var ledger = new DeliveryLedger();
        ledger.TryBegin("alert-1-email-0", out var first, out _);
        ledger.End("alert-1-email-0", recorded: true);

        ledger.TryBegin("alert-1-email-0", out var next, out var sent);

        next.ShouldNotBe(first);
        sent.ShouldBeFalse();
    }
}
