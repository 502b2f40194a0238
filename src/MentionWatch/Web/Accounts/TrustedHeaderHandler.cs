using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace MentionWatch.Web.Accounts;

/// <summary>
/// Signs in the person named by the SSO proxy's header (see <see cref="TrustedHeaderOptions"/>), but only when the
/// request comes straight from a configured proxy address and the person has an enabled account here.
/// </summary>
public sealed class TrustedHeaderHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<WebOptions> web,
    UserDirectory users) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "TrustedHeader";

    /// <summary>True when the request carries the header from a trusted proxy (the scheme selector asks this).</summary>
    /// <remarks>
    /// Never for <c>/api</c>: the proxy lets API calls through unauthenticated (they carry MentionWatch's own bearer
    /// tokens), so a header on them was not set by the proxy's sign-in.
    /// </remarks>
    public static bool Applies(HttpContext context, TrustedHeaderOptions options)
    {
        if (!options.Enabled || !context.Request.Headers.ContainsKey(options.HeaderName)) return false;
        if (context.Request.Path.StartsWithSegments("/api")) return false;
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null) return false;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        return options.TrustedProxies.Any(p => IPAddress.TryParse(p, out var proxy) && proxy.Equals(remote));
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var options = web.Value.TrustedHeader;
        if (!Applies(Context, options)) return AuthenticateResult.NoResult();
        var email = Request.Headers[options.HeaderName].ToString();
        var user = await users.FindByEmailAsync(email, Context.RequestAborted);
        return user is null
            ? AuthenticateResult.Fail("No enabled MentionWatch account for the proxy's user.")
            : AuthenticateResult.Success(new AuthenticationTicket(UserPrincipal.Create(user, SchemeName), SchemeName));
    }
}
