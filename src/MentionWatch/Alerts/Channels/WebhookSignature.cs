using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MentionWatch.Alerts.Channels;

/// <summary>
/// The signature the <c>webhook</c> channel puts on each request, and how a receiver checks it.
/// </summary>
/// <remarks>
/// <para>Each POST carries:</para>
/// <list type="bullet">
/// <item><c>X-MentionWatch-Timestamp</c>: Unix time in seconds when the request was signed.</item>
/// <item><c>X-MentionWatch-Signature</c>: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of
/// <c>{timestamp}.{body}</c> (the timestamp header's text, a dot, and the raw UTF-8 request body, byte for byte),
/// keyed with the UTF-8 bytes of the secret shared with MentionWatch (the target's <c>Secret</c>).</item>
/// <item><c>Idempotency-Key</c>: the same for every attempt at one delivery; also in the body as <c>idempotencyKey</c>.</item>
/// </list>
/// <para>A receiver must: read the raw body before parsing it; recompute the HMAC over <c>{timestamp}.{body}</c>;
/// compare it with the header in constant time (e.g. <see cref="CryptographicOperations.FixedTimeEquals"/>);
/// reject a timestamp more than five minutes from its own clock (replay); and ignore a request whose
/// <c>Idempotency-Key</c> it has already processed (retries re-send the same key). <see cref="Verify"/> does the first
/// four for .NET receivers.</para>
/// </remarks>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-MentionWatch-Timestamp";
    public const string SignatureHeader = "X-MentionWatch-Signature";
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>How far a timestamp may be from the receiver's clock before <see cref="Verify"/> rejects it.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The <c>X-MentionWatch-Signature</c> value for a body signed at <paramref name="timestamp"/>.</summary>
    public static string Compute(string secret, string timestamp, string body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>True when the signature matches and the timestamp is within <paramref name="tolerance"/> of <paramref name="now"/>.</summary>
    public static bool Verify(string secret, string? timestamp, string? signature, string body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrEmpty(secret) || signature is null
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > (tolerance ?? DefaultTolerance))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp!, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
