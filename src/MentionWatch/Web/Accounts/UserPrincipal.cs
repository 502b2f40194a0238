using System.Security.Claims;

namespace MentionWatch.Web.Accounts;

/// <summary>Turns an account into the claims every sign-in scheme produces: name, display name and roles from this database.</summary>
public static class UserPrincipal
{
    public const string DisplayNameClaim = "mw:display_name";

    public static ClaimsPrincipal Create(UserAccount user, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Username),
            new(DisplayNameClaim, user.DisplayName),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The name recorded in the audit log and on alerts for this person.</summary>
    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";
}
