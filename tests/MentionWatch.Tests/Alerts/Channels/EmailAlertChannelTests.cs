using System.Text;
using System.Text.RegularExpressions;
using MentionWatch.Alerts;
using MentionWatch.Alerts.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

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
        smtp.Commands.Select(c => c.Line.Split(' ')[0]).ShouldBe(["EHLO", "QUIT"]);
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

        var message = smtp.Messages.ShouldHaveSingleItem();
        var (headers, body) = Split(message);
        headers.ShouldContain("Subject: =?utf-8?B?");
        DecodeSubject(headers).ShouldBe("Urgent: possible crisis post — open MentionWatch");
        headers.ShouldContain("To: <a@trust.example>, <b@trust.example>");
        headers.ShouldContain("Importance: high");
        headers.ShouldContain("Date: Wed, 25 Nov 2026 10:30:00 +0000"); // the clock's, not the machine's
        var boundary = Regex.Match(headers, "multipart/alternative; boundary=\"([^\"]+)\"").Groups[1].Value;
        boundary.ShouldNotBeEmpty();

        var parts = body.Split("--" + boundary).Skip(1).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).Select(Part).ToList();
        parts.Select(p => p.Type).ShouldBe(["text/plain; charset=utf-8", "text/html; charset=utf-8"]);

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
    public async Task SendAsync_SameIdempotencyKey_SameMessageId()
    {
        await using var smtp = new FakeSmtpServer();
        var channel = Channel(smtp);

        await channel.SendAsync(TestAlerts.Urgent(), Target("a@trust.example"), "alert-42-email", CancellationToken.None);
        await channel.SendAsync(TestAlerts.Urgent(), Target("a@trust.example"), "alert-42-email", CancellationToken.None);

        smtp.Messages.Select(m => Regex.Match(m, "Message-ID: (.+)\r\n").Groups[1].Value).Distinct().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task SendAsync_RecipientRejected550_ThrowsPermanent()
    {
        await using var smtp = new FakeSmtpServer(rcptReply: 550);

        var ex = await Should.ThrowAsync<AlertDeliveryException>(
            () => Channel(smtp).SendAsync(TestAlerts.Urgent(), Target("gone@trust.example"), "k", CancellationToken.None));

        ex.IsTransient.ShouldBeFalse();
        smtp.Messages.ShouldBeEmpty();
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

    private static (string Headers, string Body) Split(string message)
    {
        var end = message.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (message[..end], message[(end + 4)..]);
    }

    private static (string Type, string Text) Part(string part)
    {
        var (headers, body) = Split(part.TrimStart('\r', '\n'));
        headers.ShouldContain("Content-Transfer-Encoding: base64");
        var type = Regex.Match(headers, "Content-Type: (.+)").Groups[1].Value.Trim();
        return (type, Encoding.UTF8.GetString(Convert.FromBase64String(body.Replace("\r\n", string.Empty, StringComparison.Ordinal))));
    }

    private static string DecodeSubject(string headers)
    {
        var folded = Regex.Match(headers, "Subject: (.+?)\r\n(?! )", RegexOptions.Singleline).Groups[1].Value;
        return string.Concat(Regex.Matches(folded, @"=\?utf-8\?B\?([^?]+)\?=")
            .Select(m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value))));
    }
}
