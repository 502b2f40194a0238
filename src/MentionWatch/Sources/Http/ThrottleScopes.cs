using System.Security.Cryptography;
using System.Text;

namespace MentionWatch.Sources.Http;

/// <summary>
/// Which limit a throttle is on. Meta counts calls per access token (codes 17, 613), per Page or Instagram account
/// (32 and the Business Use Case codes 80000–80014) and per app (4, 341); YouTube's quota is its API key's project;
/// X's window is its bearer token's.
/// </summary>
public enum LimitScope
{
    /// <summary>This source alone (a cause no other source shares).</summary>
    Source,
    Token,
    Account,
    App,
}

/// <summary>
/// The shared limits a source's requests count against, each named by a key every source sharing it computes alike
/// (<c>meta-page:104857600123456</c>, <c>meta-app:default</c>, <c>meta-token:3fa2c1d9</c>). A throttle on one of them
/// backs off every source that names it (<see cref="HostPoliteness"/>, and the <c>throttle_scopes</c> table across
/// restarts and instances). Tokens are named by the first 8 hex digits of their SHA-256, never by their text.
/// </summary>
public sealed record ThrottleScopes(string? Token, string? Account, string? App)
{
    public static ThrottleScopes None { get; } = new(null, null, null);

    /// <summary>
    /// A Meta source: its token, its Page or Instagram account, and its app (<c>Settings:AppId</c>; without one,
    /// every Meta source in the deployment is taken to share one app, as a trust's usually do).
    /// </summary>
    public static ThrottleScopes Meta(SourceSettings source, string accountId) => new(
        source.Get("Token") is { } token ? $"meta-token:{Digest(token)}" : null,
        $"meta-account:{accountId}",
        $"meta-app:{source.Get("AppId") ?? "default"}");

    /// <summary>A source whose limits are its credential's alone (a YouTube API key's project, an X bearer token).</summary>
    public static ThrottleScopes Credential(string kind, string? secret) => new(secret is null ? null : $"{kind}:{Digest(secret)}", null, null);

    /// <summary>Every scope key, to check before a request.</summary>
    public IReadOnlyList<string> All => new[] { Token, Account, App }.OfType<string>().ToList();

    /// <summary>The key of the limit <paramref name="scope"/> names; the token's when the source has no such scope; null for the source alone.</summary>
    public string? For(LimitScope scope) => scope switch
    {
        LimitScope.Token => Token,
        LimitScope.Account => Account ?? Token,
        LimitScope.App => App ?? Token,
        _ => null,
    };

    /// <summary>Whose limit a scope key names.</summary>
    public static LimitScope LimitOf(string scope) =>
        scope.StartsWith("meta-app:", StringComparison.Ordinal) ? LimitScope.App
        : scope.StartsWith("meta-account:", StringComparison.Ordinal) ? LimitScope.Account
        : LimitScope.Token;

    /// <summary>How a shared limit's backoff reads on the source's health: which limit, until when, and why.</summary>
    public static string Describe(string scope, DateTimeOffset until, string reason) => $"shared limit {scope} until {until:u}: {reason}";

    private static string Digest(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..8];
}
