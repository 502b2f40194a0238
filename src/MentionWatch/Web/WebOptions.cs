using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Web;

/// <summary>Settings of the triage web pages (<c>Web</c> section).</summary>
public sealed class WebOptions
{
    public const string SectionName = "Web";

    /// <summary>
    /// Wrong passwords from one client (address) within <see cref="LockoutPeriod"/> of each other before that client may
    /// not sign in to the account for <see cref="LockoutPeriod"/>. Default 5. Its owner, signing in from elsewhere, is
    /// not locked out by someone else's guesses.
    /// </summary>
    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>
    /// Wrong passwords from all clients together, since the account's last sign-in, before the account is locked for
    /// everyone for <see cref="LockoutPeriod"/> (a guess spread over many addresses). Default 50.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxFailedSignInsPerAccount { get; set; } = 50;

    /// <summary>How long a lockout lasts. Default 15 minutes.</summary>
    public TimeSpan LockoutPeriod { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Password sign-in attempts one client (its address, or the address a trusted proxy forwarded) may make per
    /// <see cref="SignInWindow"/>; beyond it the sign-in page answers 429. Default 10 a minute.
    /// </summary>
    [Range(1, 10_000)]
    public int SignInsPerClient { get; set; } = 10;

    /// <summary>The window of <see cref="SignInsPerClient"/>. Default 1 minute.</summary>
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a sign-in lasts without activity. Default 8 hours (one working day).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// Allows plain HTTP outside the Development environment: cookies are then not marked <c>Secure</c> and the links
    /// in alerts may be http. Off by default; for a trial on one machine only (the demo sets it).
    /// </summary>
    public bool AllowPlainHttp { get; set; }

    /// <summary>Single sign-on with OpenID Connect (NHSmail / Entra ID).</summary>
    public MentionWatch.Web.Accounts.OidcOptions Oidc { get; set; } = new();

    /// <summary>Single sign-on through an authenticating proxy such as oauth2-proxy (see README).</summary>
    public TrustedHeaderOptions TrustedHeader { get; set; } = new();
}

/// <summary>
/// Trusted-header sign-in: a proxy in front of MentionWatch authenticates people (NHSmail / Entra ID) and passes the
/// e-mail address in a header. The header is believed only from the listed proxy addresses, and only for people who
/// have an account here (their roles come from this database, not from the proxy).
/// </summary>
public sealed class TrustedHeaderOptions
{
    /// <summary>Off by default: with it on and a proxy address mis-set, anyone could claim to be anyone.</summary>
    public bool Enabled { get; set; }

    /// <summary>The header carrying the signed-in person's e-mail. Default <c>X-Forwarded-Email</c> (oauth2-proxy).</summary>
    public string HeaderName { get; set; } = "X-Forwarded-Email";

    /// <summary>IP addresses of the proxies allowed to set the header, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> TrustedProxies { get; set; } = [];
}
