using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MentionWatch.IntegrationTests.Web;

/// <summary>
/// A small OpenID Connect issuer on 127.0.0.1, standing in for Entra ID: discovery, its signing key, an authorize
/// endpoint that signs in <see cref="Next"/> at once and answers with the form a browser would post back, and a token
/// endpoint that checks the code, the client secret and the PKCE verifier before it issues the ID token, stamped by the
/// test's clock.
/// </summary>
internal sealed class FakeOidcIssuer : IAsyncDisposable
{
    public const string ClientId = "mentionwatch-test";
    public const string ClientSecret = "test-client-secret";

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };
    private readonly ConcurrentDictionary<string, Grant> _grants = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private LoopbackServer _server = null!;

    private FakeOidcIssuer(TimeProvider time) => _time = time;

    /// <summary>The issuer's address (no trailing slash), as the ID tokens name it.</summary>
    public string Authority => _server.BaseAddress.ToString().TrimEnd('/');

    /// <summary>Who the next sign-in is: e-mail, name and app roles.</summary>
    public (string Email, string Name, string[] Roles) Next { get; set; } = ("sam@nhs.net", "Sam Jones", []);

    /// <summary>Signs the next ID token with a key the issuer does not publish (a forged token).</summary>
    public bool SignWithUnpublishedKey { get; set; }

    /// <summary>How far in the past the next ID token was issued (10 minutes' life).</summary>
    public TimeSpan IssuedAgo { get; set; }

    public static async Task<FakeOidcIssuer> StartAsync(TimeProvider time)
    {
        var issuer = new FakeOidcIssuer(time);
        issuer._server = await LoopbackServer.StartAsync(issuer.HandleAsync);
        return issuer;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private sealed record Grant(string Nonce, string RedirectUri, string Challenge, (string Email, string Name, string[] Roles) Who);

    private async Task HandleAsync(HttpContext context)
    {
        switch (context.Request.Path.Value)
        {
            case "/.well-known/openid-configuration":
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(
                    $$"""
                    {"issuer": "{{Authority}}", "authorization_endpoint": "{{Authority}}/authorize", "token_endpoint": "{{Authority}}/token",
                     "jwks_uri": "{{Authority}}/jwks", "response_types_supported": ["code"], "subject_types_supported": ["public"],
                     "id_token_signing_alg_values_supported": ["RS256"], "code_challenge_methods_supported": ["S256"]}
                    """);
                break;
            case "/jwks":
                var parameters = _key.Rsa.ExportParameters(false);
                await context.Response.WriteAsJsonAsync(new
                {
                    keys = new[]
                    {
                        new { kty = "RSA", use = "sig", alg = "RS256", kid = _key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
                    },
                });
                break;
            case "/authorize":
                await AuthorizeAsync(context);
                break;
            case "/token":
                await TokenAsync(context);
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }

    private async Task AuthorizeAsync(HttpContext context)
    {
        var q = context.Request.Query;
        if (q["client_id"] != ClientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256")
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var code = Guid.NewGuid().ToString("N");
        _grants[code] = new Grant(q["nonce"].ToString(), q["redirect_uri"].ToString(), q["code_challenge"].ToString(), Next);
        // response_mode=form_post: the page a browser would submit back to MentionWatch at once.
        var html = new StringBuilder($"<form method=\"post\" action=\"{WebUtility.HtmlEncode(q["redirect_uri"])}\">");
        html.Append($"<input type=\"hidden\" name=\"code\" value=\"{code}\">");
        html.Append($"<input type=\"hidden\" name=\"state\" value=\"{WebUtility.HtmlEncode(q["state"])}\">");
        html.Append("</form>");
        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync(html.ToString());
    }

    private async Task TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var verifier = form["code_verifier"].ToString();
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        if (form["grant_type"] != "authorization_code" || !_grants.TryRemove(form["code"].ToString(), out var grant)
            || form["client_id"] != ClientId || form["client_secret"] != ClientSecret || form["redirect_uri"] != grant.RedirectUri || challenge != grant.Challenge)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new { error = "invalid_grant" });
            return;
        }

        var issued = _time.GetUtcNow().UtcDateTime - IssuedAgo;
        var accessToken = Guid.NewGuid().ToString("N");
        var key = SignWithUnpublishedKey ? new RsaSecurityKey(RSA.Create(2048)) { KeyId = _key.KeyId } : _key;
        var idToken = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = ClientId,
            IssuedAt = issued,
            NotBefore = issued,
            Expires = issued.AddMinutes(10),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = grant.Who.Email,
                ["email"] = grant.Who.Email,
                ["name"] = grant.Who.Name,
                ["nonce"] = grant.Nonce,
                ["roles"] = grant.Who.Roles,
                // The left half of the access token's SHA-256, as OpenID Connect defines at_hash for RS256.
                ["at_hash"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]),
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        await context.Response.WriteAsJsonAsync(new { id_token = idToken, access_token = accessToken, token_type = "Bearer", expires_in = 600 });
    }
}
