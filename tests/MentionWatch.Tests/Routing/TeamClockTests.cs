using MentionWatch.Alerts;
using MentionWatch.Foi;
using MentionWatch.Routing;
using MentionWatch.Time;
using Microsoft.Extensions.Options;

namespace MentionWatch.Tests.Routing;

public sealed class TeamClockTests
{
    private static readonly TeamClock Clock = new(Options.Create(new RoutingOptions()), UkBankHolidays.Published, TrustTime.Uk);

    [Theory]
    // PALS: 3 working days, counted from Monday for a complaint posted on Friday evening: Thursday at closing.
    [InlineData("pals", false, "2026-11-20T19:00", "2026-11-26T17:00")]
    // PALS in office hours: the day itself is day 0, so Thursday at closing again.
    [InlineData("pals", false, "2026-11-23T10:00", "2026-11-26T17:00")]
    // PALS over a bank holiday Monday: the clock starts on Tuesday.
    [InlineData("pals", false, "2026-08-28T19:00", "2026-09-04T17:00")]
    // Press office: the same working day.
    [InlineData("press", false, "2026-11-23T10:00", "2026-11-23T17:00")]
    // Press office after closing: the next working day.
    [InlineData("press", false, "2026-11-23T18:00", "2026-11-24T17:00")]
    // Comms: one working day.
    [InlineData("comms", false, "2026-11-23T10:00", "2026-11-24T17:00")]
    // SPA, urgent: 15 minutes at any hour, Sunday night included.
    [InlineData("spa", true, "2026-11-22T02:00", "2026-11-22T02:15")]
    public void AcknowledgeBy_TeamDefaults_WorkingTimeTarget(string team, bool urgent, string raised, string expected) =>
        London.Format(Clock.AcknowledgeBy(team, AlertKinds.Mention, urgent, London.At(raised))).ShouldBe(expected);

    [Theory]
    // An overdue FOI request, raised at 03:00 on a Monday: by the FOI team's closing time that day, not by 03:15.
    [InlineData(AlertKinds.FoiReminder, "2026-11-23T03:00", "2026-11-23T17:00")]
    // A source gone silent on Saturday evening: the next working day's close.
    [InlineData(AlertKinds.SourceSilent, "2026-11-21T19:00", "2026-11-23T17:00")]
    // An escalation of a crisis post keeps the crisis target.
    [InlineData(AlertKinds.Escalation, "2026-11-22T02:00", "2026-11-22T02:15")]
    public void AcknowledgeBy_UrgentNotice_TargetFromItsKind(string kind, string raised, string expected) =>
        London.Format(Clock.AcknowledgeBy("foi", kind, urgent: true, London.At(raised))).ShouldBe(expected);

    [Fact]
    public void AcknowledgeBy_ConfiguredTeamWithoutTarget_KeepsThePolicyDefault()
    {
        var options = new RoutingOptions { Teams = { ["pals"] = new TeamSettings(), ["estates"] = new TeamSettings() } };
        var clock = new TeamClock(Options.Create(options), UkBankHolidays.Published, TrustTime.Uk);

        London.Format(clock.AcknowledgeBy("pals", AlertKinds.Mention, false, London.At("2026-11-23T10:00"))).ShouldBe("2026-11-26T17:00");
        London.Format(clock.AcknowledgeBy("estates", AlertKinds.Mention, false, London.At("2026-11-23T10:00"))).ShouldBe("2026-11-24T17:00");
    }

    [Fact]
    public void TargetInWords_DefaultTeams_SayTheTarget()
    {
        Clock.TargetInWords("pals", AlertKinds.Mention, false).ShouldBe("3 working days");
        Clock.TargetInWords("press", AlertKinds.Mention, false).ShouldBe("the same working day");
        Clock.TargetInWords("spa", AlertKinds.Mention, true).ShouldBe("15 minutes, at any hour");
        Clock.TargetInWords("foi", AlertKinds.FoiReminder, true).ShouldBe("the same working day");
    }
}
