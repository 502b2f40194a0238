using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MentionWatch.Routing;
using Microsoft.Extensions.Options;

namespace MentionWatch.Alerts;

/// <summary>
/// Signed, expiring acknowledgement links: <c>alerts/{id}/acknowledge?expires={unix seconds}&amp;signature={hex}</c>,
/// the signature being HMAC-SHA256 over "<c>{id}.{expires}</c>" with <see cref="AlertDeliveryOptions.AcknowledgeSigningKey"/>.
/// Anyone holding the link can acknowledge that one alert until it expires, and nothing else.
/// </summary>
public sealed class AcknowledgeLinks(IOptions<AlertDeliveryOptions> options, IOptions<RoutingOptions> routing, TimeProvider time)
{
    /// <summary>A fresh link for <paramref name="alertId"/>, or null when no signing key is configured.</summary>
    public string? Create(long alertId)
    {
        if (Key is not { } key) return null;
        var expires = (time.GetUtcNow() + options.Value.AcknowledgeLinkLifetime).ToUnixTimeSeconds();
        return new Uri(routing.Value.PublicBaseAddress,
            $"alerts/{alertId}/acknowledge?expires={expires}&signature={Sign(key, alertId, expires)}").ToString();
    }

    /// <summary>Whether <paramref name="signature"/> was made by us for this alert and expiry, and the expiry is still ahead.</summary>
    public bool IsValid(long alertId, long expires, string? signature)
    {
        if (Key is not { } key || string.IsNullOrEmpty(signature)) return false;
        if (time.GetUtcNow().ToUnixTimeSeconds() >= expires) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(key, alertId, expires));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));
    }

    private byte[]? Key => string.IsNullOrEmpty(options.Value.AcknowledgeSigningKey) ? null : Encoding.UTF8.GetBytes(options.Value.AcknowledgeSigningKey);

    internal static string Sign(byte[] key, long alertId, long expires) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{alertId}.{expires}"))));
}
