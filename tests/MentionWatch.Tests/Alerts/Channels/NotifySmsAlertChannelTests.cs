using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MentionWatch.Alerts;
using MentionWatch.Alerts.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MentionWatch.Tests.Alerts.Channels;

public sealed class NotifySmsAlertChannelTests : IAsyncLifetime
{
    private const string ServiceId = "26785a09-ab16-4eb0-8407-a37497a57506";
    private const string SecretKey = "3d844edf-8d35-48ac-975b-e847b4f122b0";
    private const string TemplateId = "f33517ff-2a88-4f6e-b855-c550268ce08a";

    // Key names may hold hyphens: only the last two UUIDs are the service id and secret.
    private const string ApiKey = "mentionwatch-live-" + ServiceId + "-" + SecretKey;

    private readonly TestClock _clock = new() { FireAtOnceUpTo = TimeSpan.FromMinutes(1) };
    private FakeHttpServer _notify = null!;

    public async Task InitializeAsync()
    {
        _notify = await FakeHttpServer.StartAsync();

        // Like Notify: 403 unless the bearer token is an HS256 JWT from this service, signed with its secret, issued within
        // 30 seconds of now (Notify's rule; the client reads the system clock).
        _notify.DefaultResponder = async (context, request) =>
        {
            context.Response.StatusCode = TokenError(request.Header("Authorization")) is null ? 201 : 403;
            await context.Response.WriteAsync(TokenError(request.Header("Authorization")) ?? """{"id":"740e5834-3a29-46b4-9a6f-16142fde533a"}""");
        };
    }

    public async Task DisposeAsync() => await _notify.DisposeAsync();

    [Fact]
    public async Task SendAsync_ConfiguredKey_PostsSmsSignedWithValidJwt()
    {
        using var services = Services();

        await services.Channel("notify-sms").SendAsync(TestAlerts.Urgent(), Target(), "alert-42-sms", CancellationToken.None);

        var request = _notify.Requests.ShouldHaveSingleItem();
        request.Path.ShouldBe("/v2/notifications/sms");
        TokenError(request.Header("Authorization")).ShouldBeNull();
        using var json = JsonDocument.Parse(request.Body);
        json.RootElement.GetProperty("phone_number").GetString().ShouldBe("+447700900123");
        json.RootElement.GetProperty("template_id").GetString().ShouldBe(TemplateId);
        json.RootElement.GetProperty("reference").GetString().ShouldBe("alert-42-sms");
    }

    [Fact]
    public async Task SendAsync_AlertWithExcerpt_SmsCarriesOnlyHeadlineAndLink()
    {
        using var services = Services();
        var alert = TestAlerts.Urgent();

        await services.Channel("notify-sms").SendAsync(alert, Target(), "k", CancellationToken.None);

        var body = _notify.Requests.ShouldHaveSingleItem().Body;
        using var json = JsonDocument.Parse(body);
        json.RootElement.GetProperty("personalisation").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString())
            .ShouldBe(new Dictionary<string, string?> { ["headline"] = alert.Headline, ["link"] = alert.Link });

        // Nothing from the post or its author, in any field.
        body.ShouldNotContain("can't go on");
        body.ShouldNotContain("jo_bloggs");
        body.ShouldNotContain("x.com");
        body.ShouldNotContain("ending their life");
    }

    [Fact]
    public async Task SendAsync_429ThenSuccess_EachAttemptSigned()
    {
        using var services = Services();
        _notify.Enqueue(FakeHttpServer.Status(429, """{"errors":[{"error":"RateLimitError"}]}""", retryAfter: "1"));

        await services.Channel("notify-sms").SendAsync(TestAlerts.Urgent(), Target(), "k", CancellationToken.None);

        _notify.Requests.Count.ShouldBe(2);
        _notify.Requests.ShouldAllBe(r => TokenError(r.Header("Authorization")) == null);
    }

    [Fact]
    public async Task SendAsync_BadPhoneNumber400_ThrowsPermanentWithNotifysReason()
    {
        using var services = Services();
        _notify.DefaultResponder = FakeHttpServer.Status(400, """{"errors":[{"error":"ValidationError","message":"phone_number Not a UK mobile number"}]}""");

        var ex = await Should.ThrowAsync<AlertDeliveryException>(
            () => services.Channel("notify-sms").SendAsync(TestAlerts.Urgent(), Target(), "k", CancellationToken.None));

        ex.IsTransient.ShouldBeFalse();
        ex.Message.ShouldContain("Not a UK mobile number");
        _notify.Requests.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(403, """{"errors":[{"error":"AuthError","message":"Invalid token: API key not found"}]}""", false)] // revoked key
    [InlineData(403, """{"errors":[{"error":"AuthError","message":"Error: Your system clock must be accurate to within 30 seconds"}]}""", true)] // a retry outlived the token
    [InlineData(500, """{"errors":[{"error":"Exception","message":"Internal server error"}]}""", true)] // Notify down, after the client's retries
    public async Task SendAsync_NotifyError_ClassedByStatus(int status, string body, bool transient)
    {
        using var services = Services();
        _notify.DefaultResponder = FakeHttpServer.Status(status, body);

        var ex = await Should.ThrowAsync<AlertDeliveryException>(
            () => services.Channel("notify-sms").SendAsync(TestAlerts.Urgent(), Target(), "k", CancellationToken.None));

        ex.IsTransient.ShouldBe(transient);
        ((int?)ex.StatusCode).ShouldBe(status);
        ex.Message.ShouldNotContain(SecretKey);
    }

    [Fact]
    public async Task SendAsync_NotifyUnreachable_ThrowsTransient()
    {
        // A port that was free a moment ago and has nothing listening now.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var services = TestAlerts.Services(_clock, new Dictionary<string, string?>
        {
            ["Alerts:Notify:BaseAddress"] = $"http://127.0.0.1:{port}/",
            ["Alerts:Notify:ApiKey"] = ApiKey,
            ["Alerts:Notify:SmsTemplateId"] = TemplateId,
        });

        var ex = await Should.ThrowAsync<AlertDeliveryException>(
            () => services.Channel("notify-sms").SendAsync(TestAlerts.Urgent(), Target(), "k", CancellationToken.None));

        ex.IsTransient.ShouldBeTrue();
    }

    [Fact]
    public async Task SendAsync_CancelledWhileNotifyIsSlow_StopsWaiting()
    {
        using var services = Services();
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _notify.DefaultResponder = async (context, _) =>
        {
            arrived.TrySetResult();
            await FakeHttpServer.Hang()(context, null!);
        };
        using var cancel = new CancellationTokenSource();

        var send = services.Channel("notify-sms").SendAsync(TestAlerts.Urgent(), Target(), "k", cancel.Token);
        await arrived.Task;
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => send);
    }

    [Fact]
    public async Task SendAsync_NoApiKey_ThrowsWithoutCalling()
    {
        using var services = TestAlerts.Services(_clock);

        var ex = await Should.ThrowAsync<AlertDeliveryException>(
            () => services.Channel("notify-sms").SendAsync(TestAlerts.Urgent(), Target(), "k", CancellationToken.None));

        ex.IsTransient.ShouldBeFalse();
        _notify.Requests.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("alert-42-notify-sms-0", DeliveryCheck.Sent)]
    [InlineData("alert-43-notify-sms-0", DeliveryCheck.NotSent)]
    public async Task CheckAsync_AsksNotifyByReference(string key, DeliveryCheck expected)
    {
        // Like Notify's GET /v2/notifications: the service's messages filtered by the reference given when sending.
        _notify.DefaultResponder = async (context, request) =>
        {
            var known = context.Request.Query["reference"] == "alert-42-notify-sms-0" && context.Request.Query["template_type"] == "sms";
            context.Response.StatusCode = TokenError(request.Header("Authorization")) is null ? 200 : 403;
            await context.Response.WriteAsync(known
                ? """{"notifications":[{"id":"740e5834-3a29-46b4-9a6f-16142fde533a","reference":"alert-42-notify-sms-0","status":"delivered","type":"sms"}],"links":{"current":"x"}}"""
                : """{"notifications":[],"links":{"current":"x"}}""");
        };
        using var services = Services();

        (await services.Channel("notify-sms").CheckAsync(key, Target(), CancellationToken.None)).ShouldBe(expected);

        var request = _notify.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("GET");
        request.Path.ShouldBe("/v2/notifications");
    }

    [Theory]
    [InlineData(ApiKey, true)] // hyphenated key name
    [InlineData("k-" + ServiceId + "-" + SecretKey, true)] // short key name
    [InlineData(ServiceId + "-" + SecretKey, false)] // no key name
    [InlineData("k-" + ServiceId + SecretKey, false)] // missing separator
    [InlineData("k-" + ServiceId + "-not-a-uuid-at-all-but-36-chars-long", false)] // secret not a UUID
    [InlineData("k-" + ServiceId + "-" + SecretKey + " ", false)] // pasted with a trailing space
    [InlineData("", false)] // unset
    public void Options_ApiKey_Cases(string key, bool valid)
    {
        NotifyChannelOptions.IsApiKey(key).ShouldBe(valid);
        var options = new NotifyChannelOptions { ApiKey = key, SmsTemplateId = TemplateId };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true)
            .ShouldBe(valid || key.Length == 0);
        results.ShouldAllBe(r => r.ErrorMessage != null && !r.ErrorMessage.Contains(SecretKey));
    }

    private ServiceProvider Services() => TestAlerts.Services(_clock, new Dictionary<string, string?>
    {
        ["Alerts:Notify:BaseAddress"] = _notify.BaseAddress.ToString(),
        ["Alerts:Notify:ApiKey"] = ApiKey,
        ["Alerts:Notify:SmsTemplateId"] = TemplateId,
    });

    private static ChannelTarget Target() => new() { Kind = "notify-sms", Address = "+447700900123" };

    private string? TokenError(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return "no bearer token";
        }

        var parts = authorization["Bearer ".Length..].Split('.');
        if (parts.Length != 3)
        {
            return "not a JWT";
        }

        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(SecretKey), Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        if (Base64Url(signature) != parts[2])
        {
            return "bad signature";
        }

        using var header = JsonDocument.Parse(FromBase64Url(parts[0]));
        using var claims = JsonDocument.Parse(FromBase64Url(parts[1]));
        return header.RootElement.GetProperty("alg").GetString() != "HS256" || header.RootElement.GetProperty("typ").GetString() != "JWT"
            ? "bad header"
            : claims.RootElement.GetProperty("iss").GetString() != ServiceId
                ? "bad iss"
                : Math.Abs(claims.RootElement.GetProperty("iat").GetDouble() - DateTimeOffset.UtcNow.ToUnixTimeSeconds()) > 30 ? "bad iat" : null;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
