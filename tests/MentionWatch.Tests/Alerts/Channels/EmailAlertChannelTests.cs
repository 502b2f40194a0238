using System.Text;
using MentionWatch.Alerts;
using MentionWatch.Alerts.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MentionWatch.Tests.Alerts.Channels;

public sealed class EmailAlertChannelTests
{
    private readonly TestClock _clock = new() { FireAtOnceUpTo = TimeSpan.FromMinutes(1) };

    [Fact]
    public async Task SendAsync_StartTlsOffered_UpgradesThenAuthenticatesAndSends()
    {
        await using var smtp = new FakeSmtpServer();

        await Channel(smtp).SendAsync(TestAlerts.Urgent(), Target("crisis-team@trust.example"), "alert-42-email", CancellationToken.None);

        var commands = smtp.Commands.ToList();
        commands.Select(c => c.Line.Split(' ')[0]).ShouldBe(["EHLO", "STARTTLS", "EHLO", "AUTH", "MAIL", "RCPT", "DATA", "QUIT"]);
        commands.Where(c => c.Line.StartsWith("AUTH", StringComparison.Ordinal)).ShouldAllBe(c => c.Tls);
        smtp.Credentials.ShouldHaveSingleItem().ShouldBe("mw-user:s3cret pass");
        commands.ShouldContain(("MAIL FROM:<mentionwatch@trust.example>", true));
        commands.ShouldContain(("RCPT TO:<crisis-team@trust.example>", true));
        smtp.Messages.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task SendAsync_StartTlsRequiredButNotOffered_SendsNoAuthAndThrows()
    {
        await using var smtp = new FakeSmtpServer(offerStartTls: false);

        var ex = await Should.ThrowAsync<AlertDeliveryException>(
            () => Channel(smtp).SendAsync(TestAlerts.Urgent(), Target("crisis-team@trust.example"), "k", CancellationToken.None));

        ex.IsTransient.ShouldBeFalse();
        ex.Message.ShouldContain("STARTTLS");
        // EHLO only (and perhaps QUIT): nothing after the server's capabilities showed no STARTTLS.
        smtp.Commands.Select(c => c.Line.Split(' ')[0]).ShouldBeSubsetOf(["EHLO", "QUIT"]);
        smtp.Credentials.ShouldBeEmpty();
        smtp.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task SendAsync_OnlyAuthLoginOffered_UsesLogin()
    {
        await using var smtp = new FakeSmtpServer(authMechanisms: "LOGIN");

        await Channel(smtp).SendAsync(TestAlerts.Routine(), Target("comms@trust.example"), "k", CancellationToken.None);

        smtp.Commands.ShouldContain(("AUTH LOGIN", true));
        smtp.Credentials.ShouldHaveSingleItem().ShouldBe("mw-user:s3cret pass");
    }

    [Fact]
    public async Task SendAsync_RelayWithoutTlsOrAuth_SendsInClear()
    {
        // A relay on the same host: the one set-up where UseStartTls may be off (and then no credentials are allowed).
        await using var smtp = new FakeSmtpServer(offerStartTls: false);

        await Channel(smtp, startTls: false, username: null).SendAsync(TestAlerts.Routine(), Target("comms@trust.example"), "k", CancellationToken.None);

        smtp.Commands.Select(c => c.Line.Split(' ')[0]).ShouldBe(["EHLO", "MAIL", "RCPT", "DATA", "QUIT"]);
    }

    [Fact]
    public async Task SendAsync_HostileExcerpt_MultipartWithHtmlEncodedText()
    {
        await using var smtp = new FakeSmtpServer();

        await Channel(smtp).SendAsync(TestAlerts.Urgent(), Target("a@trust.example; b@trust.example"), "alert-42-email", CancellationToken.None);

        var raw = smtp.Messages.ShouldHaveSingleItem();
        raw.ShouldAllBe(c => c < 128); // 7-bit on the wire: the non-ASCII headline is MIME-encoded
        using var message = Parse(raw);
        message.Subject.ShouldBe("Urgent: possible crisis post — open MentionWatch");
        message.From.Mailboxes.ShouldHaveSingleItem().Address.ShouldBe("mentionwatch@trust.example");
        message.To.Mailboxes.Select(m => m.Address).ShouldBe(["a@trust.example", "b@trust.example"]);
        message.Headers["Importance"].ShouldBe("high");
        message.Headers["Auto-Submitted"].ShouldBe("auto-generated");
        message.Headers["X-MentionWatch-Alert-Id"].ShouldBe("42");
        message.Date.ShouldBe(new DateTimeOffset(2026, 11, 25, 10, 30, 0, TimeSpan.Zero)); // the clock's, not the machine's

        var alternative = message.Body.ShouldBeOfType<MultipartAlternative>();
        var parts = alternative.OfType<TextPart>().ToList();
        parts.Select(p => p.ContentType.MimeType).ShouldBe(["text/plain", "text/html"]);
        parts.ShouldAllBe(p => p.ContentType.Charset == "utf-8" && p.ContentTransferEncoding == ContentEncoding.Base64);

        var plain = parts[0].Text;
        plain.ShouldContain(TestAlerts.HostileExcerpt);
        plain.ShouldContain("If there is an immediate risk to life, tell them to call 999");

        var html = parts[1].Text;
        html.ShouldNotContain("<script>");
        html.ShouldContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        html.ShouldContain("&amp; &quot;bye&quot;");
        html.ShouldContain("<a href=\"https://mentionwatch.trust.example/alerts/42/ack?sig=abc\">Acknowledge</a>");
    }

    [Fact]
    public async Task SendAsync_HeadlineWithLineBreaks_StaysInTheSubject()
    {
        await using var smtp = new FakeSmtpServer();
        var alert = TestAlerts.Urgent() with { Headline = "Post about Ward 7\r\nBcc: someone@evil.example\r\n\r\nfake body" };

        await Channel(smtp).SendAsync(alert, Target("a@trust.example"), "k", CancellationToken.None);

        using var message = Parse(smtp.Messages.ShouldHaveSingleItem());
        message.Bcc.ShouldBeEmpty();
        message.Headers.Contains("Bcc").ShouldBeFalse();
        message.Subject.ShouldNotBeNull().ShouldContain("someone@evil.example");
        message.Body.ShouldBeOfType<MultipartAlternative>();
    }

    [Fact]
    public async Task SendAsync_SameIdempotencyKey_SameMessageId()
    {
        await using var smtp = new FakeSmtpServer();
        var channel = Channel(smtp);

        await channel.SendAsync(TestAlerts.Urgent(), Target("a@trust.example"), "alert-42-email", CancellationToken.None);
        await channel.SendAsync(TestAlerts.Urgent(), Target("a@trust.example"), "alert-42-email", CancellationToken.None);
        await channel.SendAsync(TestAlerts.Urgent(), Target("a@trust.example"), "alert-43-email", CancellationToken.None);

        var ids = smtp.Messages.Select(m =>
        {
            using var message = Parse(m);
            return message.MessageId;
        }).ToList();
        ids.ShouldAllBe(id => id != null && id.EndsWith("@mentionwatch.invalid", StringComparison.Ordinal));
        ids[0].ShouldBe(ids[1]);
        ids[2].ShouldNotBe(ids[0]);
    }

    [Theory]
    [InlineData(550, false)] // mailbox gone: a retry cannot help
    [InlineData(451, true)] // greylisting or a full queue: later may work
    public async Task SendAsync_RecipientRejected_TransientOnlyFor4xx(int reply, bool transient)
    {
        await using var smtp = new FakeSmtpServer(rcptReply: reply);

        var ex = await Should.ThrowAsync<AlertDeliveryException>(
            () => Channel(smtp).SendAsync(TestAlerts.Urgent(), Target("gone@trust.example"), "k", CancellationToken.None));

        ex.IsTransient.ShouldBe(transient);
        ex.Kind.ShouldBe("email");
        smtp.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task SendAsync_NothingListening_ThrowsTransient()
    {
        int port;
        await using (var closed = new FakeSmtpServer())
        {
            port = closed.Port;
        }

        var channel = new EmailAlertChannel(
            Microsoft.Extensions.Options.Options.Create(new EmailChannelOptions { Host = "127.0.0.1", Port = port, UseStartTls = false, From = "mw@trust.example" }),
            _clock, NullLogger<EmailAlertChannel>.Instance);

        var ex = await Should.ThrowAsync<AlertDeliveryException>(
            () => channel.SendAsync(TestAlerts.Routine(), Target("a@trust.example"), "k", CancellationToken.None));

        ex.IsTransient.ShouldBeTrue();
    }

    [Theory]
    [InlineData("a@trust.example\r\nRCPT TO:<evil@example.org>")] // command injection through the address
    [InlineData("not an address")] // typo in configuration
    [InlineData("")] // no address at all
    public async Task SendAsync_BadAddress_ThrowsBeforeConnecting(string address)
    {
        await using var smtp = new FakeSmtpServer();

        await Should.ThrowAsync<AlertDeliveryException>(
            () => Channel(smtp).SendAsync(TestAlerts.Urgent(), Target(address), "k", CancellationToken.None));

        smtp.Commands.ShouldBeEmpty();
    }

    [Fact]
    public async Task SendAsync_CertificateNotTrusted_ThrowsPermanent()
    {
        await using var smtp = new FakeSmtpServer();
        var channel = new EmailAlertChannel(Options(smtp, startTls: true, "mw-user"), _clock, NullLogger<EmailAlertChannel>.Instance);

        var ex = await Should.ThrowAsync<AlertDeliveryException>(
            () => channel.SendAsync(TestAlerts.Urgent(), Target("a@trust.example"), "k", CancellationToken.None));

        ex.IsTransient.ShouldBeFalse();
        smtp.Credentials.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null, null, true, true)] // email not configured at all: valid, the channel is simply unused
    [InlineData("smtp.example", "mw@trust.example", true, true)] // a normal set-up
    [InlineData("smtp.example", null, true, false)] // no sender
    [InlineData("smtp.example", "mw@trust.example", false, false)] // credentials would cross in clear
    public void Options_Validate_Cases(string? host, string? from, bool startTls, bool valid)
    {
        var options = new EmailChannelOptions { Host = host, From = from, UseStartTls = startTls, Username = "u", Password = "p" };

        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true)
            .ShouldBe(valid);
    }

    private EmailAlertChannel Channel(FakeSmtpServer smtp, bool startTls = true, string? username = "mw-user") =>
        new(Options(smtp, startTls, username), _clock, NullLogger<EmailAlertChannel>.Instance,
            (_, certificate, _, _) => certificate?.GetCertHashString() == smtp.Certificate.GetCertHashString());

    private static IOptions<EmailChannelOptions> Options(FakeSmtpServer smtp, bool startTls, string? username) =>
        Microsoft.Extensions.Options.Options.Create(new EmailChannelOptions
        {
            Host = "127.0.0.1",
            Port = smtp.Port,
            UseStartTls = startTls,
            Username = username,
            Password = username is null ? null : "s3cret pass",
            From = "MentionWatch <mentionwatch@trust.example>",
            ClientName = "mentionwatch.test",
            Timeout = TimeSpan.FromSeconds(20),
        });

    private static ChannelTarget Target(string address) => new() { Kind = "email", Address = address };

    private static MimeMessage Parse(string raw) => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw)));
}
