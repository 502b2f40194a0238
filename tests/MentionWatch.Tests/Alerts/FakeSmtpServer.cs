using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace MentionWatch.Tests.Alerts;

/// <summary>
/// An SMTP sink on 127.0.0.1 that records the conversation: EHLO, optional STARTTLS (with a self-signed certificate
/// made here), AUTH PLAIN and LOGIN, MAIL, RCPT, DATA, QUIT. One connection at a time, which is all the channel opens.
/// </summary>
internal sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeSmtpServer(bool offerStartTls = true, string authMechanisms = "PLAIN LOGIN", int rcptReply = 250)
    {
        OfferStartTls = offerStartTls;
        AuthMechanisms = authMechanisms;
        RcptReply = rcptReply;
        Certificate = CreateCertificate();
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public bool OfferStartTls { get; }

    public string AuthMechanisms { get; }

    public int RcptReply { get; }

    public X509Certificate2 Certificate { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Each command line the client sent, and whether TLS was on when it arrived.</summary>
    public ConcurrentQueue<(string Line, bool Tls)> Commands { get; } = new();

    /// <summary>Credentials decoded from AUTH, as "user:password".</summary>
    public ConcurrentQueue<string> Credentials { get; } = new();

    /// <summary>The message text of each DATA, with dot-stuffing undone.</summary>
    public ConcurrentQueue<string> Messages { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopping (InvalidOperationException: stopped before the loop reached its first accept).
        }

        _stop.Dispose();
        Certificate.Dispose();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        // A round trip through PKCS#12 gives SslStream a certificate whose private key it can use on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), password: null);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            try
            {
                await ServeAsync(client.GetStream());
            }
            catch (Exception ex) when (ex is IOException or SocketException or System.Security.Authentication.AuthenticationException)
            {
                // The client hung up; wait for the next one.
            }
        }
    }

    private async Task ServeAsync(Stream stream)
    {
        var tls = false;
        var reader = new StreamReader(stream, Encoding.UTF8);
        var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 fake.smtp ESMTP ready");
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            Commands.Enqueue((line, tls));
            var verb = line.Split(' ')[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-fake.smtp greets you");
                    if (OfferStartTls && !tls)
                    {
                        await writer.WriteLineAsync("250-STARTTLS");
                    }

                    await writer.WriteLineAsync($"250-AUTH {AuthMechanisms}");
                    await writer.WriteLineAsync("250 8BITMIME");
                    break;
                case "STARTTLS":
                    await writer.WriteLineAsync("220 go ahead");
                    var ssl = new SslStream(stream);
                    await ssl.AuthenticateAsServerAsync(Certificate);
                    stream = ssl;
                    reader = new StreamReader(ssl, Encoding.UTF8);
                    writer = new StreamWriter(ssl, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
                    tls = true;
                    break;
                case "AUTH" when line.StartsWith("AUTH PLAIN ", StringComparison.OrdinalIgnoreCase):
                    var plain = Encoding.UTF8.GetString(Convert.FromBase64String(line[11..])).Split('\0');
                    Credentials.Enqueue($"{plain[1]}:{plain[2]}");
                    await writer.WriteLineAsync("235 ok");
                    break;
                case "AUTH":
                    await writer.WriteLineAsync("334 VXNlcm5hbWU6");
                    var user = Encoding.UTF8.GetString(Convert.FromBase64String((await reader.ReadLineAsync(_stop.Token))!));
                    await writer.WriteLineAsync("334 UGFzc3dvcmQ6");
                    var password = Encoding.UTF8.GetString(Convert.FromBase64String((await reader.ReadLineAsync(_stop.Token))!));
                    Credentials.Enqueue($"{user}:{password}");
                    await writer.WriteLineAsync("235 ok");
                    break;
                case "MAIL":
                    await writer.WriteLineAsync("250 ok");
                    break;
                case "RCPT":
                    await writer.WriteLineAsync(RcptReply == 250 ? "250 ok" : $"{RcptReply} mailbox unavailable");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 end with .");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                    {
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    }

                    Messages.Enqueue(data.ToString());
                    await writer.WriteLineAsync("250 queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 not implemented");
                    break;
            }
        }
    }
}
