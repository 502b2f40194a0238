using System.Text.Json;
using MentionWatch.Alerts;
using MentionWatch.Alerts.Channels;

namespace MentionWatch.Tests.Alerts.Channels;

public sealed class TeamsAlertChannelTests : IAsyncLifetime
{
    private readonly TestClock _clock = new() { FireAtOnceUpTo = TimeSpan.FromMinutes(1) };
    private FakeHttpServer _teams = null!;

    public async Task InitializeAsync()
    {
        _teams = await FakeHttpServer.StartAsync();
        _teams.DefaultResponder = FakeHttpServer.Status(200, "1");
    }

    public async Task DisposeAsync() => await _teams.DisposeAsync();

    [Fact]
    public async Task SendAsync_UrgentWithExcerpt_PostsAdaptiveCardWithEverything()
    {
        using var services = TestAlerts.Services(_clock);

        await services.Channel("teams").SendAsync(TestAlerts.Urgent(), Target(), "alert-42-teams-0", CancellationToken.None);

        var request = _teams.Requests.ShouldHaveSingleItem();
        request.Header("Idempotency-Key").ShouldBe("alert-42-teams-0");
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        root.GetProperty("type").GetString().ShouldBe("message");
        var attachment = root.GetProperty("attachments").EnumerateArray().ShouldHaveSingleItem();
        attachment.GetProperty("contentType").GetString().ShouldBe("application/vnd.microsoft.card.adaptive");
        var card = attachment.GetProperty("content");
        card.GetProperty("type").GetString().ShouldBe("AdaptiveCard");
        card.GetProperty("version").GetString().ShouldBe("1.4");

        var body = card.GetProperty("body").EnumerateArray().ToList();
        body[0].GetProperty("text").GetString().ShouldBe("Urgent: possible crisis post — open MentionWatch");
        body[0].GetProperty("color").GetString().ShouldBe("Attention");
        var facts = body[1].GetProperty("facts").EnumerateArray()
            .ToDictionary(f => f.GetProperty("title").GetString()!, f => f.GetProperty("value").GetString());
        facts["Labels"].ShouldBe("distress, risk-to-life");
        facts["Posted"].ShouldBe("14 Mar 2025 09:12 UTC on x");
        facts["Delivery id"].ShouldBe("alert-42-teams-0");
        var texts = body.Where(b => b.GetProperty("type").GetString() == "TextBlock").Select(b => b.GetProperty("text").GetString()).ToList();
        texts.ShouldContain("• Mentions ending their life");
        texts.ShouldContain("• If there is an immediate risk to life, tell them to call 999");

        // The post's words are shown literally (TextRun renders no markdown), never in a TextBlock.
        var excerpt = body.Single(b => b.GetProperty("type").GetString() == "RichTextBlock");
        excerpt.GetProperty("inlines")[0].GetProperty("type").GetString().ShouldBe("TextRun");
        excerpt.GetProperty("inlines")[0].GetProperty("text").GetString().ShouldBe(TestAlerts.HostileExcerpt);
        texts.ShouldNotContain(t => t!.Contains("script", StringComparison.Ordinal));

        var actions = card.GetProperty("actions").EnumerateArray()
            .ToDictionary(a => a.GetProperty("title").GetString()!, a => a.GetProperty("url").GetString());
        card.GetProperty("actions").EnumerateArray().ShouldAllBe(a => a.GetProperty("type").GetString() == "Action.OpenUrl");
        actions["Open in MentionWatch"].ShouldBe("https://mentionwatch.trust.example/mentions/4242");
        actions["Acknowledge"].ShouldBe("https://mentionwatch.trust.example/alerts/42/ack?sig=abc");
        actions["View post"].ShouldBe("https://x.com/jo_bloggs/status/123");
    }

    [Fact]
    public async Task SendAsync_NoExcerpt_CardCarriesNoPostText()
    {
        using var services = TestAlerts.Services(_clock);

        await services.Channel("teams").SendAsync(TestAlerts.Routine(), Target(), "k", CancellationToken.None);

        var request = _teams.Requests.ShouldHaveSingleItem().Body;
        request.ShouldNotContain("RichTextBlock");
        request.ShouldNotContain("View post");
        request.ShouldNotContain("Acknowledge");
    }

    [Fact]
    public async Task SendAsync_429ThenSuccess_Delivered()
    {
        using var services = TestAlerts.Services(_clock);
        _teams.Enqueue(FakeHttpServer.Status(429, retryAfter: "2"));

        await services.Channel("teams").SendAsync(TestAlerts.Urgent(), Target(), "k", CancellationToken.None);

        _teams.Requests.Count.ShouldBe(2);
        _clock.Timers.ShouldContain(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task SendAsync_WebhookRemoved404_ThrowsPermanent()
    {
        using var services = TestAlerts.Services(_clock);
        _teams.DefaultResponder = FakeHttpServer.Status(404, "Webhook not found");

        var ex = await Should.ThrowAsync<AlertDeliveryException>(
            () => services.Channel("teams").SendAsync(TestAlerts.Urgent(), Target(), "k", CancellationToken.None));

        ex.IsTransient.ShouldBeFalse();
        ex.Message.ShouldContain("Webhook not found");
        _teams.Requests.Count.ShouldBe(1);
    }

    private ChannelTarget Target() => new() { Kind = "teams", Address = _teams.Url("webhookb2/abc").ToString() };
}
