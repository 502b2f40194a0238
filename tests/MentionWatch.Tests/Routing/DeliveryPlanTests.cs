using MentionWatch.Foi;
using MentionWatch.Routing;
using MentionWatch.Time;
using Microsoft.Extensions.Options;

namespace MentionWatch.Tests.Routing;

public sealed class DeliveryPlanTests
{
    private static string Route(string[] labels, bool urgent, string localTime, RoutingOptions? options = null)
    {
        options ??= new RoutingOptions();
        var router = new Router(Options.Create(options));
        var clock = new TeamClock(Options.Create(options), UkBankHolidays.Published, TrustTime.Uk);
        var now = London.At(localTime);
        return string.Join(" ", router.Route(labels, urgent).Select(team =>
        {
            var plan = clock.Plan(team, urgent, now);
            return plan.DigestAt is { } at ? $"{team}:{plan.Name}@{London.Format(at)}" : $"{team}:{plan.Name}";
        }));
    }

    [Theory]
    // A complaint on a Monday morning goes to PALS at once.
    [InlineData(new[] { "complaint" }, false, "2026-11-23T10:00", "pals:now")]
    // Opening time itself is office hours.
    [InlineData(new[] { "complaint" }, false, "2026-11-23T08:00", "pals:now")]
    // Closing time itself is not: held for the next morning.
    [InlineData(new[] { "praise" }, false, "2026-11-23T17:00", "comms:digest@2026-11-24T08:00")]
    // Friday evening: held over the weekend for Monday's 08:00 digest.
    [InlineData(new[] { "complaint" }, false, "2026-11-20T19:00", "pals:digest@2026-11-23T08:00")]
    // Friday evening before the August bank holiday (BST): Tuesday's digest.
    [InlineData(new[] { "complaint" }, false, "2026-08-28T19:00", "pals:digest@2026-09-01T08:00")]
    // Midday on the bank holiday itself is out of hours.
    [InlineData(new[] { "complaint" }, false, "2026-08-31T12:00", "pals:digest@2026-09-01T08:00")]
    // Christmas Eve after hours: Christmas Day (Fri) and the substitute Boxing Day (Mon 28th) are skipped.
    [InlineData(new[] { "complaint" }, false, "2026-12-24T17:30", "pals:digest@2026-12-29T08:00")]
    // Just before opening: held until 08:00 the same day, for each team once.
    [InlineData(new[] { "media_enquiry", "foi_request" }, false, "2026-11-23T07:59", "foi:digest@2026-11-23T08:00 press:digest@2026-11-23T08:00")]
    // Urgent distress at 02:00 on a Sunday goes at once to on-call and SPA.
    [InlineData(new[] { "distress" }, true, "2026-11-22T02:00", "oncall:now spa:now")]
    // Urgent distress on a bank holiday goes at once too.
    [InlineData(new[] { "distress" }, true, "2026-08-31T12:00", "oncall:now spa:now")]
    // Non-urgent distress on a Sunday night waits for SPA's Monday digest; on-call is for urgent posts only.
    [InlineData(new[] { "distress" }, false, "2026-11-22T02:00", "spa:digest@2026-11-23T08:00")]
    // Noise is never routed, in or out of hours.
    [InlineData(new string[0], false, "2026-11-22T02:00", "")]
    public void Plan_LabelOfficeHoursBankHolidayUrgent_SendsNowOrHoldsForDigest(string[] labels, bool urgent, string localTime, string expected) =>
        Route(labels, urgent, localTime).ShouldBe(expected);

    [Theory]
    // Scotland's summer bank holiday (first Monday of August) closes a Scottish trust but not an English one.
    [InlineData(UkDivision.Scotland, "2026-08-03T10:00", "pals:digest@2026-08-04T08:00")]
    [InlineData(UkDivision.EnglandAndWales, "2026-08-03T10:00", "pals:now")]
    // England's late-August bank holiday is a working day in Scotland.
    [InlineData(UkDivision.Scotland, "2026-08-31T10:00", "pals:now")]
    public void Plan_TrustsOwnNation_UsesThatNationsBankHolidays(UkDivision nation, string localTime, string expected) =>
        Route(["complaint"], false, localTime, new RoutingOptions { Nation = nation }).ShouldBe(expected);

    [Theory]
    // An immediate team hears at once at any hour, with no digest.
    [InlineData(DeliveryMode.Immediate, "pals:now")]
    // "Both": at once, and listed again in Monday's digest.
    [InlineData(DeliveryMode.Both, "pals:both@2026-11-23T08:00")]
    // The default: held for the digest.
    [InlineData(DeliveryMode.Digest, "pals:digest@2026-11-23T08:00")]
    public void Plan_DeliveryMode_OutOfHours(DeliveryMode mode, string expected)
    {
        var options = new RoutingOptions { Teams = { ["pals"] = new TeamSettings { Delivery = mode } } };

        Route(["complaint"], false, "2026-11-20T19:00", options).ShouldBe(expected);
    }

    [Fact]
    public void Plan_TeamOwnOfficeHours_OpensAtItsOwnTime()
    {
        var options = new RoutingOptions { Teams = { ["press"] = new TeamSettings { OfficeHoursOpen = TimeSpan.FromHours(7), OfficeHoursClose = TimeSpan.FromHours(19) } } };

        Route(["media_enquiry"], false, "2026-11-23T07:30", options).ShouldBe("press:now");
        Route(["media_enquiry"], false, "2026-11-23T19:30", options).ShouldBe("press:digest@2026-11-24T07:00");
    }
}
