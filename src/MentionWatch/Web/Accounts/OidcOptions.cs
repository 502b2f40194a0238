namespace MentionWatch.Web.Accounts;

/// <summary>
/// Single sign-on with OpenID Connect (<c>Web:Oidc</c>): NHSmail or the trust's own Entra ID tenant. People sign in
/// there; the app roles in their ID token say which MentionWatch roles they hold (<see cref="Roles"/>), checked at each
/// sign-in. Off while <see cref="Authority"/> is empty.
/// </summary>
public sealed class OidcOptions
{
    /// <summary>The issuer, e.g. <c>https://login.microsoftonline.com/&lt;tenant-id&gt;/v2.0</c>. Empty: single sign-on is off.</summary>
    public string? Authority { get; set; }

    /// <summary>The application (client) id of MentionWatch's app registration.</summary>
    public string? ClientId { get; set; }

    /// <summary>The app registration's client secret (a secret: environment or secret store, never a file).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The name on the sign-in page's button. Default "NHSmail".</summary>
    public string DisplayName { get; set; } = "NHSmail";

    /// <summary>The ID token claim that carries the app roles. Default <c>roles</c> (Entra ID).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>
    /// App role (as defined in the app registration) to MentionWatch role (comms, pals, foi, spa, admin), e.g.
    /// <c>"MentionWatch.Spa": "spa"</c>. Someone whose token carries none of these is refused.
    /// </summary>
    public Dictionary<string, string> Roles { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
