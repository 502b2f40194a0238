using System.Security.Claims;
using MentionWatch.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>
    /// Checks a cookie session against the account on every request, so disabling someone or changing their roles
    /// takes effect at once rather than when their cookie expires.
    /// </summary>
    public static async Task RefreshAsync(CookieValidatePrincipalContext context)
    {
        var id = long.TryParse(context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var value) ? value : 0;
        var db = context.HttpContext.RequestServices.GetRequiredService<MentionWatchDb>();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && !u.Disabled, context.HttpContext.RequestAborted);
        if (user is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        var roles = context.Principal!.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal);
        if (!roles.SequenceEqual(user.Roles.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            context.ReplacePrincipal(Create(user, CookieAuthenticationDefaults.AuthenticationScheme));
            context.ShouldRenew = true;
        }
    }

    /// <summary>The name recorded in the audit log and on alerts for this person.</summary>
    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";
}
