using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MentionWatch.Alerts;
using MentionWatch.Alerts.Channels;

namespace MentionWatch.Tests.Alerts.Channels;

public sealed class WebhookAlertChannelTests : IAsyncLifetime
{
    private const string Secret = "whsec-test-7f3a";
    private readonly TestClock _clock = new() { FireAtOnceUpTo = TimeSpan.FromMinutes(1) };
    private FakeHttpServer _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await FakeHttpServer.StartAsync();

        // The receiver checks the signature the way the docs tell a real one to, independently of our helper.
        _receiver.DefaultResponder = (context, request) =>
        {
            var timestamp = request.Header("X-MentionWatch-Timestamp");
            var expected = "sha256=" + Convert.ToHexStringLower(
                HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{timestamp}.{request.Body}")));
            context.Response.StatusCode = request.Header("X-MentionWatch-Signature") == expected ? 204 : 401;
            return Task.CompletedTask;
        };
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task SendAsync_SignedTarget_ReceiverVerifiesSignatureAndReadsEnvelope()
    {
        using var services = TestAlerts.Services(_clock);

        await services.Channel("webhook").SendAsync(TestAlerts.Urgent(), Target(), "alert-42-webhook", CancellationToken.None);

        var request = _receiver.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        request.Header("Idempotency-Key").ShouldBe("alert-42-webhook");
        request.Header("X-MentionWatch-Timestamp").ShouldBe(_clock.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Header("Content-Type")!.ShouldStartWith("application/json");
        using var json = JsonDocument.Parse(request.Body);
        json.RootElement.GetProperty("idempotencyKey").GetString().ShouldBe("alert-42-webhook");
        var alert = json.RootElement.GetProperty("alert");
        alert.GetProperty("alertId").GetInt64().ShouldBe(42);
        alert.GetProperty("urgent").GetBoolean().ShouldBeTrue();
        alert.GetProperty("excerpt").GetString().ShouldBe(TestAlerts.HostileExcerpt);
        WebhookSignature.Verify(Secret, request.Header("X-MentionWatch-Timestamp"), request.Header("X-MentionWatch-Signature"), request.Body, _clock.Now)
            .ShouldBeTrue();
    }

    [Fact]
    public async Task SendAsync_500ThenSuccess_DeliveredOnSecondAttemptWithSameKey()
    {
        using var services = TestAlerts.Services(_clock);
        _receiver.Enqueue(FakeHttpServer.Status(500));

        await services.Channel("webhook").SendAsync(TestAlerts.Urgent(), Target(), "k-1", CancellationToken.None);

        _receiver.Requests.Count.ShouldBe(2);
        _receiver.Requests.Select(r => r.Header("Idempotency-Key")).ShouldAllBe(k => k == "k-1");
    }

    [Fact]
    public async Task SendAsync_Persistent500_ThrowsTransientAfterThreeAttempts()
    {
        using var services = TestAlerts.Services(_clock);
        _receiver.DefaultResponder = FakeHttpServer.Status(500);

        var ex = await Should.ThrowAsync<AlertDeliveryException>(
            () => services.Channel("webhook").SendAsync(TestAlerts.Urgent(), Target(), "k-2", CancellationToken.None));

        ex.IsTransient.ShouldBeTrue();
        ex.StatusCode.ShouldBe(System.Net.HttpStatusCode.InternalServerError);
        _receiver.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task SendAsync_ReceiverNeverAnswers_ThrowsAfterAttemptTimeouts()
    {
        using var services = TestAlerts.Services(_clock, new Dictionary<string, string?> { ["Alerts:Http:AttemptTimeout"] = "00:00:02" });
        _receiver.DefaultResponder = FakeHttpServer.Hang();

        var ex = await Should.ThrowAsync<AlertDeliveryException>(
            () => services.Channel("webhook").SendAsync(TestAlerts.Urgent(), Target(), "k-3", CancellationToken.None));

        ex.IsTransient.ShouldBeTrue();
        ex.InnerException.ShouldBeOfType<Polly.Timeout.TimeoutRejectedException>();
        _clock.Timers.ShouldContain(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task SendAsync_TargetWithoutSecret_RefusesToSendUnsigned()
    {
        using var services = TestAlerts.Services(_clock);

        var ex = await Should.ThrowAsync<AlertDeliveryException>(() => services.Channel("webhook").SendAsync(
            TestAlerts.Urgent(), new ChannelTarget { Kind = "webhook", Address = _receiver.Url("hook").ToString() }, "k-4", CancellationToken.None));

        ex.IsTransient.ShouldBeFalse();
        _receiver.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task SendAsync_PlainHttpToRemoteHost_Refused()
    {
        using var services = TestAlerts.Services(_clock);

        var ex = await Should.ThrowAsync<AlertDeliveryException>(() => services.Channel("webhook").SendAsync(
            TestAlerts.Urgent(), new ChannelTarget { Kind = "webhook", Address = "http://hooks.example.org/x", Secret = Secret }, "k-5", CancellationToken.None));

        ex.IsTransient.ShouldBeFalse();
    }

    private ChannelTarget Target() => new() { Kind = "webhook", Address = _receiver.Url("hook").ToString(), Secret = Secret };
}
