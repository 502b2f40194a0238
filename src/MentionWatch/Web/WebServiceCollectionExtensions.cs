using System.Threading.RateLimiting;
using MentionWatch.Alerts;
using MentionWatch.Mentions;
using MentionWatch.Persistence;
using MentionWatch.Routing;
using MentionWatch.Time;
using MentionWatch.Web.Accounts;
using MentionWatch.Web.Api;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MentionWatch.Web;

/// <summary>The triage web pages, their sign-in and the JSON API beside them.</summary>
public static class WebServiceCollectionExtensions
{
    public const string AdminPolicy = "admin";
    public const string RegisterPolicy = "register";
    public const string PalsPolicy = "pals";
    private const string SelectorScheme = "mentionwatch";
    private const string SignInLimit = "signin";

    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        var oidc = configuration.GetSection("Web:Oidc").Get<OidcOptions>() ?? new OidcOptions();
        services.AddOptions<WebOptions>().Bind(configuration.GetSection(WebOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => !o.TrustedHeader.Enabled || o.TrustedHeader.TrustedProxies.Count > 0, "Web:TrustedHeader:Enabled needs Web:TrustedHeader:TrustedProxies.")
            .Validate(o => !o.Oidc.Enabled || (!string.IsNullOrWhiteSpace(o.Oidc.ClientId) && !string.IsNullOrWhiteSpace(o.Oidc.ClientSecret) && o.Oidc.Roles.Count > 0),
                "Web:Oidc:Authority needs Web:Oidc:ClientId, Web:Oidc:ClientSecret and at least one Web:Oidc:Roles entry.")
            .Validate(o => o.Oidc.Roles.Values.All(Roles.IsKnown), $"Web:Oidc:Roles maps app roles to MentionWatch roles: {string.Join(", ", Roles.All)}.")
            .ValidateOnStart();
        services.AddScoped<UserDirectory>();
        services.TryAddSingleton(TrustTime.Uk);
        services.AddSingleton<UkTime>();
        services.AddScoped<AlertActions>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<SubjectAccessExport>();
        services.AddRetention(configuration);

        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Web/Pages";
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/SignIn");
            o.Conventions.AddPageApplicationModelConvention("/SignIn", m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(SignInLimit)));
            o.Conventions.AllowAnonymousToPage("/Denied");
            o.Conventions.AuthorizeFolder("/Admin", AdminPolicy);
            o.Conventions.AuthorizePage("/Register", RegisterPolicy);
            o.Conventions.AuthorizePage("/RegisterEdit", RegisterPolicy);
            o.Conventions.AuthorizePage("/Pals", PalsPolicy);
        });
        services.AddAntiforgery(o => o.Cookie.Name = "mw-af");
        // Secure cookies and https links outside development (PlainHttp).
        services.AddSingleton<PlainHttp>();
        services.AddSingleton<IValidateOptions<RoutingOptions>>(sp => sp.GetRequiredService<PlainHttp>());
        services.AddOptions<AntiforgeryOptions>().Configure<PlainHttp>((o, http) => o.Cookie.SecurePolicy = http.CookiePolicy);
        // One key ring for every replica, in PostgreSQL: a cookie issued by one replica is read by the others.
        services.AddDataProtection().SetApplicationName("MentionWatch").PersistKeysToDbContext<MentionWatchDb>();
        // Password guessing is slowed per client, so one client cannot try password after password, on one account
        // or across many. The page itself (GET) is never limited.
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInLimit, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method)) return RateLimitPartition.GetNoLimiter("page");
                var web = context.RequestServices.GetRequiredService<IOptions<WebOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context, web.TrustedHeader.TrustedProxies), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = web.SignInsPerClient, Window = web.SignInWindow, QueueLimit = 0,
                });
            });
        });
        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "Cookie, SSO proxy or API token", o => o.ForwardDefaultSelector = context =>
                ApiTokenHandler.Applies(context) ? ApiTokenHandler.SchemeName
                : TrustedHeaderHandler.Applies(context, context.RequestServices.GetRequiredService<IOptions<WebOptions>>().Value.TrustedHeader) ? TrustedHeaderHandler.SchemeName
                : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "mw-session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.LoginPath = "/signin";
                o.AccessDeniedPath = "/denied";
                // The API answers with status codes, never with a redirect to a page.
                o.Events.OnValidatePrincipal = UserPrincipal.RefreshAsync;
                o.Events.OnRedirectToLogin = c => RedirectOrStatus(c, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = c => RedirectOrStatus(c, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, TrustedHeaderHandler>(TrustedHeaderHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null)
            .AddOidc(oidc);

        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<WebOptions>, PlainHttp>((cookie, web, http) =>
            {
                cookie.ExpireTimeSpan = web.Value.SessionLifetime;
                cookie.Cookie.SecurePolicy = http.CookiePolicy;
                // The issuer sends people back with a cross-site POST: a Strict cookie set there would not be sent on the
                // redirect that follows, and they would land signed out. Lax still keeps it off cross-site POSTs.
                if (web.Value.Oidc.Enabled) cookie.Cookie.SameSite = SameSiteMode.Lax;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(RegisterPolicy, p => p.RequireRole(Roles.Admin, Roles.Comms))
            .AddPolicy(PalsPolicy, p => p.RequireRole(Roles.Admin, Roles.Pals, Roles.Comms));
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Only the scheme is taken from the proxy (for HSTS and secure cookies): the remote address stays the
            // proxy's, which is what the trusted-header check needs.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in configuration.GetSection("Web:TrustedHeader:TrustedProxies").Get<string[]>() ?? [])
            {
                if (System.Net.IPAddress.TryParse(proxy, out var address)) o.KnownProxies.Add(address);
            }
        });
        return services;
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeaders>();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", () => Results.Redirect("/inbox")).AllowAnonymous();
        if (app.Services.GetRequiredService<IOptions<WebOptions>>().Value.Oidc.Enabled)
        {
            app.MapGet(OidcSignIn.ChallengePath, (string? returnUrl) => Results.Challenge(
                new AuthenticationProperties { RedirectUri = OidcSignIn.LocalOrInbox(returnUrl) }, [OidcSignIn.SchemeName])).AllowAnonymous();
        }

        app.MapGet("/static/site.css", SiteCss.Serve).AllowAnonymous();
        app.MapRazorPages();
        app.MapApi();
        return app;
    }

    /// <summary>
    /// The client's address: the connection's, or, when the connection comes from a configured proxy, the last address
    /// that proxy put in <c>X-Forwarded-For</c> (what anyone else puts there is not believed).
    /// </summary>
    internal static string ClientAddress(HttpContext context, IReadOnlyList<string> trustedProxies)
    {
        var remote = context.Connection.RemoteIpAddress;
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        if (remote is not null && forwarded.Length > 0
            && trustedProxies.Any(p => System.Net.IPAddress.TryParse(p, out var proxy) && proxy.Equals(remote)))
        {
            return forwarded.Split(',')[^1].Trim();
        }

        return remote?.ToString() ?? "unknown";
    }

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
