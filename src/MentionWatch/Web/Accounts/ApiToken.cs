namespace MentionWatch.Web.Accounts;

/// <summary>
/// A bearer token for the JSON API, acting as its user (table <c>api_tokens</c>); only its SHA-256 is stored. It is
/// accepted under <c>/api</c> only, for reading, until it expires or is revoked.
/// </summary>
public sealed class ApiToken
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public required string Name { get; set; }
    public required string TokenSha256 { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}
