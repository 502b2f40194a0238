using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using MentionWatch.Persistence;
using MentionWatch.Sources.Instagram;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MentionWatch.IntegrationTests.Sources;

/// <summary>
/// The Instagram mentions webhook in the real host (no sign-in, no hosted services) on a fresh database, with the
/// Graph API's follow-up queries answered by a <see cref="FakePlatform"/> (shared/platform-apis/instagram.md).
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class InstagramWebhookTests(ServersFixture servers)
{
    private const string AppSecret = "test-app-secret";
    private const string VerifyToken = "test-verify-token";
    private const string UserId = "17841400000000001";
    private const string MediaId = "17918195224117851";
    private const string CommentId = "17894227972186120";

    private static readonly string CaptionNotification =
        $$$"""[{"entry":[{"changes":[{"field":"mentions","value":{"media_id":"{{{MediaId}}}"}}],"id":"{{{UserId}}}","time":1730190000}],"object":"instagram"}]""";

    // The single-envelope form Meta sends, with a field we do not know.
    private static readonly string CommentNotification =
        $$$"""{"object":"instagram","entry":[{"id":"{{{UserId}}}","time":1730190000,"changes":[{"field":"mentions","value":{"comment_id":"{{{CommentId}}}","media_id":"{{{MediaId}}}","unknown":true}}]}]}""";

    private static readonly string MentionedMedia =
        $$$"""{"mentioned_media":{"caption":"northshirenhs thank you for the amazing care","comments_count":0,"id":"{{{MediaId}}}","like_count":0,"media_type":"CAROUSEL_ALBUM","timestamp":"2024-10-29T09:00:22+0000","username":"grateful_parent"},"id":"{{{UserId}}}"}""";

    private static readonly string MentionedComment =
        $$$"""{"mentioned_comment":{"id":"{{{CommentId}}}","like_count":0,"text":"@northshirenhs why was my outpatient appointment cancelled twice?","timestamp":"2024-10-29T00:05:29+0000","username":"grateful_patient_22","media":{"id":"{{{MediaId}}}"}},"id":"{{{UserId}}}"}""";

    [Theory]
    // Meta's handshake with the configured token: the challenge comes back as it was sent.
    [InlineData("subscribe", VerifyToken, HttpStatusCode.OK)]
    // A wrong token, or a token one character short, is refused.
    [InlineData("subscribe", "wrong-token", HttpStatusCode.Forbidden)]
    [InlineData("subscribe", "test-verify-toke", HttpStatusCode.Forbidden)]
    // The right token in a request that is not a subscription is refused.
    [InlineData("unsubscribe", VerifyToken, HttpStatusCode.Forbidden)]
    public async Task Verify_Handshake_EchoesChallengeOnlyForTheRightToken(string mode, string token, HttpStatusCode expected)
    {
        await using var app = await WebhookApp.StartAsync(servers);

        var response = await app.CreateClient().GetAsync(
            $"{InstagramWebhook.Path}?hub.mode={mode}&hub.verify_token={Uri.EscapeDataString(token)}&hub.challenge=1158201444");

        response.StatusCode.ShouldBe(expected);
        if (expected == HttpStatusCode.OK) (await response.Content.ReadAsStringAsync()).ShouldBe("1158201444");
    }

    [Fact]
    public async Task Notify_CaptionMention_FetchedAndStoredWithThePlatformFields()
    {
        await using var app = await WebhookApp.StartAsync(servers);
        app.Fake.Enqueue(new FakeResponse(200, MentionedMedia));

        var response = await app.PostSignedAsync(CaptionNotification);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var request = app.Fake.Requests.ShouldHaveSingleItem();
        request.Path.ShouldBe($"/{UserId}");
        request.Param("fields").ShouldNotBeNull().ShouldStartWith($"mentioned_media.media_id({MediaId}){{");
        request.Header("Authorization").ShouldBe("Bearer test-token");
        var row = await app.MentionAsync(MediaId);
        row.ShouldBe(new StoredMention("instagram-tags", "grateful_parent", "northshirenhs thank you for the amazing care",
            new DateTimeOffset(2024, 10, 29, 9, 0, 22, TimeSpan.Zero), null));
        (await app.ScalarAsync($"select count(*) from mentions where raw_payload->>'media_type' = 'CAROUSEL_ALBUM' and published_at is null")).ShouldBe(1);
    }

    [Fact]
    public async Task Notify_CommentMention_FetchedAndStoredAsAReplyToItsMedia()
    {
        await using var app = await WebhookApp.StartAsync(servers);
        app.Fake.Enqueue(new FakeResponse(200, MentionedComment));

        var response = await app.PostSignedAsync(CommentNotification);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Fake.Requests.ShouldHaveSingleItem().Param("fields").ShouldNotBeNull().ShouldStartWith($"mentioned_comment.comment_id({CommentId}){{");
        (await app.MentionAsync(CommentId)).ShouldBe(new StoredMention("instagram-tags", "grateful_patient_22",
            "@northshirenhs why was my outpatient appointment cancelled twice?", new DateTimeOffset(2024, 10, 29, 0, 5, 29, TimeSpan.Zero), MediaId));
        (await app.ScalarAsync("select count(*) from mentions")).ShouldBe(1);
    }

    [Fact]
    public async Task Notify_SameNotificationTwice_StoredOnce()
    {
        await using var app = await WebhookApp.StartAsync(servers);
        app.Fake.Enqueue(new FakeResponse(200, MentionedComment), new FakeResponse(200, MentionedComment));

        (await app.PostSignedAsync(CommentNotification)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.PostSignedAsync(CommentNotification)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await app.ScalarAsync("select count(*) from mentions")).ShouldBe(1);
        (await app.ScalarAsync("select count(*) from quarantine")).ShouldBe(0);
    }

    [Theory]
    // Signed with another secret.
    [InlineData("other-secret", null)]
    // No signature at all.
    [InlineData(null, null)]
    // Signed correctly, then the body was changed on the way.
    [InlineData(AppSecret, "17918195224117852")]
    public async Task Notify_BadSignature_RefusedAndNothingFetchedOrStored(string? secret, string? tamperedMediaId)
    {
        await using var app = await WebhookApp.StartAsync(servers);
        app.Fake.Enqueue(new FakeResponse(200, MentionedMedia));
        using var request = new HttpRequestMessage(HttpMethod.Post, InstagramWebhook.Path)
        {
            Content = new StringContent(tamperedMediaId is null ? CaptionNotification : CaptionNotification.Replace(MediaId, tamperedMediaId, StringComparison.Ordinal),
                Encoding.UTF8, "application/json"),
        };
        if (secret is not null) request.Headers.Add("X-Hub-Signature-256", Sign(CaptionNotification, secret));

        var response = await app.CreateClient().SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        app.Fake.Requests.ShouldBeEmpty();
        (await app.ScalarAsync("select count(*) from mentions")).ShouldBe(0);
        (await app.ScalarAsync("select count(*) from quarantine")).ShouldBe(0);
    }

    [Theory]
    // Both attempts of the retry pipeline answer 500.
    [InlineData("500")]
    // Both attempts time out.
    [InlineData("timeout")]
    // Instagram's throttle (not retried: calling a throttled platform extends the block).
    [InlineData("throttle")]
    public async Task Notify_FollowUpFails_QuarantinedAnswered503AndStoredOnRedelivery(string failure)
    {
        await using var app = await WebhookApp.StartAsync(servers);
        app.Fake.Enqueue(failure switch
        {
            "500" => [new FakeResponse(500, "oops", "text/plain"), new FakeResponse(500, "oops", "text/plain")],
            "timeout" => [FakeResponse.Hanging(), FakeResponse.Hanging()],
            _ => [new FakeResponse(403, """{"error":{"message":"(#80002) There have been too many calls to this Instagram account.","type":"OAuthException","code":80002}}""")],
        });

        var failed = await app.PostSignedAsync(CaptionNotification);

        failed.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await app.ScalarAsync("select count(*) from mentions")).ShouldBe(0);
        (await app.ScalarAsync($"select count(*) from quarantine where reason like '%media {MediaId} could not be fetched%' and payload like '%{MediaId}%'")).ShouldBe(1);
        (await app.ScalarAsync("select consecutive_failures from sources where id = 'instagram-tags'")).ShouldBe(1);

        if (failure == "throttle")
        {
            // Redelivered within the hour Meta asked for: the throttled account is not called at all.
            var requests = app.Fake.Requests.Count;
            (await app.PostSignedAsync(CaptionNotification)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            app.Fake.Requests.Count.ShouldBe(requests);
            app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        }

        // Meta delivers the same notification again; now the Graph API answers.
        app.Fake.Enqueue(new FakeResponse(200, MentionedMedia));
        (await app.PostSignedAsync(CaptionNotification)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await app.ScalarAsync($"select count(*) from mentions where external_id = '{MediaId}'")).ShouldBe(1);
    }

    [Fact]
    public async Task Notify_BodyOverTheCap_RefusedBeforeItIsRead()
    {
        await using var app = await WebhookApp.StartAsync(servers);
        var huge = CaptionNotification + new string(' ', 2 * 1024 * 1024);

        var response = await app.PostSignedAsync(huge);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        app.Fake.Requests.ShouldBeEmpty();
    }

    private static string Sign(string body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    private sealed record StoredMention(string SourceId, string? Handle, string Text, DateTimeOffset PostedAt, string? InReplyTo);

    /// <summary>The host with one Instagram source pointed at the fake Graph API and the webhook's secrets set.</summary>
    private sealed class WebhookApp : WebApplicationFactory<Program>
    {
        private readonly string _connectionString;

        private WebhookApp(string connectionString, FakePlatform fake)
        {
            _connectionString = connectionString;
            Fake = fake;
            Database = NpgsqlDataSource.Create(connectionString);
            // The follow-up fetch times out when the fake hangs, never because the machine was slow to answer.
            fake.OnHang = () => Clock.Advance(TimeSpan.FromSeconds(1));
        }

        public TestClock Clock { get; } = new() { ManualTimers = true };

        public FakePlatform Fake { get; }
        public NpgsqlDataSource Database { get; }

        public static async Task<WebhookApp> StartAsync(ServersFixture servers)
        {
            var app = new WebhookApp(await servers.CreateDatabaseAsync(), await FakePlatform.StartAsync());
            await app.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
            return app;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // No broker: stored mentions are left to the sweeper.
            InMemoryHost.Configure(builder, _connectionString, Clock);
            builder.UseSetting("Sources:0:Id", "instagram-tags");
            builder.UseSetting("Sources:0:Platform", "instagram");
            builder.UseSetting("Sources:0:Settings:UserId", UserId);
            builder.UseSetting("Sources:0:Settings:Token", "test-token");
            builder.UseSetting("Sources:0:Settings:BaseAddress", Fake.BaseAddress.ToString());
            builder.UseSetting("Polling:Http:Resilience:MaxAttempts", "2");
            builder.UseSetting("Polling:Http:Resilience:BaseDelay", "00:00:00");
            builder.UseSetting("Polling:Http:Resilience:AttemptTimeout", "00:00:01");
            builder.UseSetting("Instagram:Webhook:SourceId", "instagram-tags");
            builder.UseSetting("Instagram:Webhook:AppSecret", AppSecret);
            builder.UseSetting("Instagram:Webhook:VerifyToken", VerifyToken);
        }

        public Task<HttpResponseMessage> PostSignedAsync(string body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, InstagramWebhook.Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Hub-Signature-256", Sign(body, AppSecret));
            return CreateClient().SendAsync(request);
        }

        public async Task<StoredMention?> MentionAsync(string externalId)
        {
            await using var command = Database.CreateCommand(
                "select source_id, author_handle, text, posted_at, in_reply_to from mentions where platform = 'instagram' and external_id = @id");
            command.Parameters.AddWithValue("id", externalId);
            await using var reader = await command.ExecuteReaderAsync();
            if (!await reader.ReadAsync()) return null;
            return new StoredMention(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetString(4));
        }

        public async Task<long> ScalarAsync(string sql)
        {
            await using var command = Database.CreateCommand(sql);
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Fake.DisposeAsync();
            await Database.DisposeAsync();
        }
    }
}
