using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MentionWatch.Alerts.Channels;

/// <summary>
/// A GOV.UK Notify API key split into the service id and secret, and the short-lived bearer token Notify asks for:
/// an HS256 JWT with header <c>{"typ":"JWT","alg":"HS256"}</c> and claims <c>iss</c> (service id) and <c>iat</c>
/// (now, Unix seconds), signed with the secret. Notify rejects a token more than 30 seconds old, so one is made per request.
/// </summary>
/// <remarks>Hand-rolled (a dozen lines of HMAC) rather than pulling a JWT library in for one fixed token shape.</remarks>
internal sealed class NotifyApiKey
{
    private const int UuidLength = 36;

    private readonly byte[] _secret;

    private NotifyApiKey(string serviceId, string secret)
    {
        ServiceId = serviceId;
        _secret = Encoding.UTF8.GetBytes(secret);
    }

    public string ServiceId { get; }

    /// <summary>
    /// Reads <c>{key_name}-{service_id}-{secret_key}</c>: the last two 36-character UUIDs, whatever hyphens the key name holds.
    /// </summary>
    public static bool TryParse(string? apiKey, [NotNullWhen(true)] out NotifyApiKey? key)
    {
        key = null;
        apiKey = apiKey?.Trim();
        if (apiKey is null || apiKey.Length < (2 * UuidLength) + 2)
        {
            return false;
        }

        var secret = apiKey[^UuidLength..];
        var serviceId = apiKey[^((2 * UuidLength) + 1)..^(UuidLength + 1)];
        if (apiKey[^(UuidLength + 1)] != '-' || !Guid.TryParseExact(secret, "D", out _) || !Guid.TryParseExact(serviceId, "D", out _))
        {
            return false;
        }

        key = new NotifyApiKey(serviceId, secret);
        return true;
    }

    public string CreateToken(DateTimeOffset now)
    {
        var header = Base64Url("""{"typ":"JWT","alg":"HS256"}"""u8);
        var claims = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = ServiceId,
            ["iat"] = now.ToUnixTimeSeconds(),
        }));
        var signingInput = string.Create(CultureInfo.InvariantCulture, $"{header}.{claims}");
        var signature = Base64Url(HMACSHA256.HashData(_secret, Encoding.ASCII.GetBytes(signingInput)));
        return $"{signingInput}.{signature}";
    }

    /// <summary>Keeps the secret out of logs and exception messages.</summary>
    public override string ToString() => $"Notify key for service {ServiceId}";

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
