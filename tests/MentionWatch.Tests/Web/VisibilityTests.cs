using System.Security.Claims;
using MentionWatch.Alerts;
using MentionWatch.Web.Accounts;

namespace MentionWatch.Tests.Web;

public sealed class VisibilityTests
{
    [Theory]
    // Complaints stay with PALS.
    [InlineData("pals", "pals", false, "complaint", true)]
    [InlineData("pals", "spa", true, "distress", false)]
    // Comms answers the press and runs the accounts.
    [InlineData("comms", "press", false, "media_enquiry", true)]
    [InlineData("comms", "comms", false, "praise", true)]
    // Urgent distress is shown to comms wherever it was routed; ordinary distress is not.
    [InlineData("comms", "spa", true, "distress", true)]
    [InlineData("comms", "spa", false, "distress", false)]
    // SPA sees its queue and the on-call one.
    [InlineData("spa", "oncall", true, "distress", true)]
    [InlineData("spa", "pals", false, "complaint", false)]
    // FOI sees FOI requests only.
    [InlineData("foi", "foi", false, "foi_request", true)]
    [InlineData("foi", "comms", true, "distress", false)]
    // Admin sees everything.
    [InlineData("admin", "oncall", true, "distress", true)]
    // Someone with no role sees nothing.
    [InlineData("", "pals", false, "complaint", false)]
    public void CanSee_RoleAndAlert_FollowsTheRoleTeamMap(string role, string team, bool urgent, string label, bool expected)
    {
        var alert = new Alert { Team = team, Urgent = urgent, Labels = [label] };
        var visibility = Visibility.For(Principal(role));

        visibility.CanSee(alert).ShouldBe(expected);
        visibility.Filter(new[] { alert }.AsQueryable()).Any().ShouldBe(expected);
    }

    [Fact]
    public void For_TwoRoles_SeesBothTeamsOnce()
    {
        var visibility = Visibility.For(Principal("pals", "foi", "pals"));

        visibility.Teams.ShouldBe(["pals", "foi"], ignoreOrder: true);
        visibility.All.ShouldBeFalse();
    }

    private static ClaimsPrincipal Principal(params string[] roles) =>
        new(new ClaimsIdentity(roles.Where(r => r.Length > 0).Select(r => new Claim(ClaimTypes.Role, r)), "test", ClaimTypes.Name, ClaimTypes.Role));
}
