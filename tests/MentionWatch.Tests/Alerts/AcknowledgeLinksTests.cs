using MentionWatch.Alerts;
using MentionWatch.Routing;
using Microsoft.Extensions.Options;

namespace MentionWatch.Tests.Alerts;

public sealed class AcknowledgeLinksTests
{
    private const string Key = "test-signing-key-of-at-least-32-characters";
    private readonly TestClock _clock = new() { FireAtOnceUpTo = TimeSpan.FromMinutes(1) };

    private AcknowledgeLinks Links(string? key = Key) => new(
        Options.Create(new AlertDeliveryOptions { AcknowledgeSigningKey = key, AcknowledgeLinkLifetime = TimeSpan.FromHours(1) }),
        Options.Create(new RoutingOptions { PublicBaseAddress = new Uri("https://mw.trust.example/") }), _clock);

    private static (long Expires, string Signature) Parse(string link)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query);
        return (long.Parse(query["expires"]!, System.Globalization.CultureInfo.InvariantCulture), query["signature"]!);
    }

    [Fact]
    public void Create_WithKey_LinksToTheAlertsAcknowledgePage()
    {
        var link = Links().Create(42)!;

        link.ShouldStartWith("https://mw.trust.example/alerts/42/acknowledge?expires=");
        var (expires, signature) = Parse(link);
        Links().IsValid(42, expires, signature).ShouldBeTrue();
    }

    [Fact]
    public void IsValid_AfterExpiry_False()
    {
        var (expires, signature) = Parse(Links().Create(42)!);

        _clock.Now += TimeSpan.FromHours(1);

        Links().IsValid(42, expires, signature).ShouldBeFalse();
    }

    [Fact]
    public void IsValid_TamperedAlertExpiryOrSignature_False()
    {
        var (expires, signature) = Parse(Links().Create(42)!);

        // Another alert's id with this alert's signature.
        Links().IsValid(43, expires, signature).ShouldBeFalse();
        // A later expiry than was signed.
        Links().IsValid(42, expires + 3600, signature).ShouldBeFalse();
        // A signature made with another key.
        Links("another-signing-key-of-at-least-32-chars").IsValid(42, expires, signature).ShouldBeFalse();
        Links().IsValid(42, expires, null).ShouldBeFalse();
    }

    [Fact]
    public void Create_WithoutKey_NoLinkAndNothingValid()
    {
        Links(key: null).Create(42).ShouldBeNull();
        var (expires, signature) = Parse(Links().Create(42)!);
        Links(key: null).IsValid(42, expires, signature).ShouldBeFalse();
    }
}
