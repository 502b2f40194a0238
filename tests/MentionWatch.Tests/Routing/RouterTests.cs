using MentionWatch.Routing;
using Microsoft.Extensions.Options;

namespace MentionWatch.Tests.Routing;

public sealed class RouterTests
{
    [Theory]
    // Urgent distress reaches the Single Point of Access and the on-call contact at once.
    [InlineData(new[] { "distress" }, true, new[] { "oncall", "spa" })]
    // Distress without a risk to life is for SPA alone: on-call is for urgent posts only.
    [InlineData(new[] { "distress" }, false, new[] { "spa" })]
    // A journalist asking for figures reaches the press office and the FOI team, each once.
    [InlineData(new[] { "media_enquiry", "foi_request" }, false, new[] { "foi", "press" })]
    // Three comms labels on one post still make one comms alert.
    [InlineData(new[] { "fake_account", "staff_abuse", "praise" }, false, new[] { "comms" })]
    // A complaint goes to PALS, never answered in public.
    [InlineData(new[] { "complaint" }, false, new[] { "pals" })]
    // Noise is stored, never alerted.
    [InlineData(new string[0], false, new string[0])]
    public void Route_PolicyDefaults_EachTeamOnce(string[] labels, bool urgent, string[] expected) =>
        new Router(Options.Create(new RoutingOptions())).Route(labels, urgent).ShouldBe(expected);

    [Theory]
    // A post not in English reaches comms to be read, with no label or beside the teams its labels name.
    [InlineData(new string[0], false, new[] { "comms" })]
    [InlineData(new[] { "distress" }, true, new[] { "comms", "oncall", "spa" })]
    [InlineData(new[] { "praise" }, false, new[] { "comms" })]
    public void Route_NeedsAHumanRead_ReachesCommsToo(string[] labels, bool urgent, string[] expected) =>
        new Router(Options.Create(new RoutingOptions())).Route(labels, urgent, needsHumanRead: true).ShouldBe(expected);

    [Fact]
    public void Route_ConfiguredTeams_KeepTheDefaultHumanReadUnlessTold()
    {
        var options = new RoutingOptions
        {
            Teams = { ["comms"] = new TeamSettings { AllowExcerpt = true }, ["pals"] = new TeamSettings(), ["welsh-desk"] = new TeamSettings { Labels = ["complaint"], HumanRead = true } },
        };

        new Router(Options.Create(options)).Route([], false, needsHumanRead: true).ShouldBe(["comms", "welsh-desk"]);
    }

    [Fact]
    public void Route_ConfiguredTeamWithoutLabels_KeepsTheDefaultLabels()
    {
        var options = new RoutingOptions { Teams = { ["pals"] = new TeamSettings { AllowExcerpt = true } } };

        new Router(Options.Create(options)).Route(["complaint"], false).ShouldBe(["pals"]);
    }
}
