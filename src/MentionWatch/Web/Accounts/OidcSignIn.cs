using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace MentionWatch.Web.Accounts;

/// <summary>
/// The OpenID Connect scheme (<see cref="OidcOptions"/>): authorization code with PKCE, the client secret sent to the
/// token endpoint, the ID token checked against the issuer's keys, its lifetime against the service's clock. A
/// signed-in person becomes an account here, found or made by e-mail address, whose roles are those the token's app
/// roles map to, written at each sign-in (and audited when they change), so the session checks the same account as a
/// password sign-in does. A token with no mapped role, or for a disabled account, signs nobody in.
/// </summary>
public static class OidcSignIn
{
    public const string SchemeName = "oidc";
    public const string ChallengePath = "/signin/sso";

    private static readonly string[] Scopes = ["openid", "profile", "email"];

    public static AuthenticationBuilder AddOidc(this AuthenticationBuilder authentication, OidcOptions oidc)
    {
        if (!oidc.Enabled) return authentication;
        authentication.AddOpenIdConnect(SchemeName, oidc.DisplayName, o =>
        {
            o.Authority = oidc.Authority;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = oidc.ClientSecret;
            o.ResponseType = "code";
            o.UsePkce = true;
            o.Scope.Clear();
            foreach (var scope in Scopes) o.Scope.Add(scope);
            o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.SaveTokens = false;
            // An issuer on plain HTTP only in a trial on one machine.
            o.RequireHttpsMetadata = oidc.Authority!.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
            o.Events.OnTokenValidated = TokenValidatedAsync;
            // A refused sign-in lands on the page that says so, not on an error page.
            o.Events.OnRemoteFailure = context =>
            {
                context.Response.Redirect("/denied");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
        // The ID token's lifetime is judged by the service's clock (TimeProvider), with 2 minutes' skew.
        authentication.Services.AddOptions<OpenIdConnectOptions>(SchemeName).Configure<TimeProvider>((o, time) =>
            o.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                var skew = TimeSpan.FromMinutes(2);
                return (notBefore is null || notBefore.Value - skew <= now) && expires is { } end && now <= end + skew;
            });
        return authentication;
    }

    /// <summary>
    /// Where to go after signing in: <paramref name="returnUrl"/> when it is a path on this site (the rules of
    /// <c>IUrlHelper.IsLocalUrl</c>: one leading <c>/</c>, not <c>//</c> or <c>/\</c>, which browsers read as another
    /// site), otherwise the inbox.
    /// </summary>
    public static string LocalOrInbox(string? returnUrl) =>
        returnUrl is ['/'] or ['/', not ('/' or '\\'), ..] ? returnUrl : "/inbox";

    private static async Task TokenValidatedAsync(TokenValidatedContext context)
    {
        var oidc = context.HttpContext.RequestServices.GetRequiredService<IOptions<WebOptions>>().Value.Oidc;
        var token = context.Principal!;
        var email = token.FindFirstValue("email") ?? token.FindFirstValue("preferred_username") ?? token.FindFirstValue("upn");
        var roles = token.FindAll(oidc.RoleClaim).Select(c => oidc.Roles.GetValueOrDefault(c.Value)).OfType<string>()
            .Where(Roles.IsKnown).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var users = context.HttpContext.RequestServices.GetRequiredService<UserDirectory>();
        var user = email is null
            ? null
            : await users.FromSingleSignOnAsync(email, token.FindFirstValue("name") ?? email, roles, context.HttpContext.RequestAborted);
        if (user is null)
        {
            context.Fail(email is null ? "The ID token carries no e-mail address." : $"No MentionWatch access for {email}: no mapped app role, or the account is disabled.");
            return;
        }

        context.Principal = UserPrincipal.Create(user, CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
