using MentionWatch.Alerts.Channels;

namespace MentionWatch.Tests.Alerts.Channels;

public sealed class WebhookSignatureTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Compute_KnownInput_MatchesHmacSha256Hex()
    {
        // Reference value from: printf '1700000000.{}' | openssl dgst -sha256 -hmac secret
        WebhookSignature.Compute("secret", "1700000000", "{}")
            .ShouldBe("sha256=b8569b78799ff9e3cbff0fc2d63a33a2b57f3282abd07c37ae5e8e7d79a5f163");
    }

    [Theory]
    [InlineData("{\"a\":1}", 0, true)] // the untouched request
    [InlineData("{\"a\":2}", 0, false)] // body changed in transit
    [InlineData("{\"a\":1}", 301, false)] // replayed more than five minutes later
    [InlineData("{\"a\":1}", -301, false)] // signed by a clock far ahead
    public void Verify_Cases_AcceptsOnlyUntouchedFreshRequests(string receivedBody, int secondsLater, bool expected)
    {
        var timestamp = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = WebhookSignature.Compute("s3cret", timestamp, "{\"a\":1}");

        WebhookSignature.Verify("s3cret", timestamp, signature, receivedBody, Now.AddSeconds(secondsLater)).ShouldBe(expected);
    }

    [Fact]
    public void Verify_WrongSecret_False()
    {
        var signature = WebhookSignature.Compute("one", "1", "body");

        WebhookSignature.Verify("two", "1", signature, "body", DateTimeOffset.FromUnixTimeSeconds(1)).ShouldBeFalse();
    }
}
