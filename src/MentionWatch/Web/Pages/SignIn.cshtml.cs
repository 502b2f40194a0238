using MentionWatch.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MentionWatch.Web.Pages;

/// <summary>Password sign-in for local accounts; the same message for every failure, so it reveals nothing.</summary>
public sealed class SignInModel(UserDirectory users, Microsoft.Extensions.Options.IOptions<WebOptions> web) : PageModel
{
    /// <summary>The single sign-on button's name, when OpenID Connect is set up.</summary>
    public string? SingleSignOn => web.Value.Oidc.Enabled ? web.Value.Oidc.DisplayName : null;

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Username { get; set; }
    [BindProperty] public string? Password { get; set; }
    public bool Failed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Wrong passwords lock out the client that sent them (its address, or the one a trusted proxy forwarded).
        var client = WebServiceCollectionExtensions.ClientAddress(HttpContext, web.Value.TrustedHeader.TrustedProxies);
        var user = string.IsNullOrWhiteSpace(Username) || string.IsNullOrEmpty(Password) ? null : await users.CheckPasswordAsync(Username, Password, client, ct);
        if (user is null)
        {
            Failed = true;
            return Page();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, UserPrincipal.Create(user, CookieAuthenticationDefaults.AuthenticationScheme));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/inbox");
    }
}
