using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace MentionWatch.Alerts.Channels;

/// <summary>
/// The client side of one SMTP conversation (RFC 5321) over a socket that can be upgraded with STARTTLS
/// (RFC 3207). Small on purpose: EHLO, STARTTLS, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA, QUIT.
/// </summary>
internal sealed class SmtpConnection : IAsyncDisposable
{
    private const string Kind = "email";

    private readonly TcpClient _tcp;
    private readonly byte[] _buffer = new byte[8192];
    private Stream _stream;
    private int _start;
    private int _end;

    private SmtpConnection(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public bool IsEncrypted => _stream is SslStream;

    public static async Task<SmtpConnection> ConnectAsync(string host, int port, CancellationToken ct)
    {
        var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(host, port, ct);
            return new SmtpConnection(tcp);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Upgrades the socket to TLS after the server's 220 reply to STARTTLS.</summary>
    public async Task UpgradeToTlsAsync(string host, RemoteCertificateValidationCallback? validation, CancellationToken ct)
    {
        // Anything already buffered came before the handshake and could have been injected in clear (CVE-2011-0411).
        if (_end > _start)
        {
            throw new AlertDeliveryException(Kind, "email: server sent data after its STARTTLS reply", isTransient: false);
        }

        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false);
        await ssl.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions { TargetHost = host, RemoteCertificateValidationCallback = validation }, ct);
        _stream = ssl;
    }

    /// <summary>Sends one command line and reads the reply; throws unless its code is one of <paramref name="expected"/>.</summary>
    public async Task<SmtpReply> CommandAsync(string command, string? display, CancellationToken ct, params int[] expected)
    {
        await WriteAsync(command + "\r\n", ct);
        return Expect(await ReadReplyAsync(ct), display ?? command, expected);
    }

    /// <summary>Sends the message after DATA's 354: dot-stuffed, ended by a lone dot.</summary>
    public async Task SendDataAsync(string message, CancellationToken ct)
    {
        var text = new StringBuilder(message.Length + 64);
        foreach (var line in message.Split("\r\n"))
        {
            if (line.StartsWith('.'))
            {
                text.Append('.');
            }

            text.Append(line).Append("\r\n");
        }

        text.Append(".\r\n");
        await WriteAsync(text.ToString(), ct);
        Expect(await ReadReplyAsync(ct), "end of DATA", 250);
    }

    public async Task<SmtpReply> ReadReplyAsync(CancellationToken ct)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await ReadLineAsync(ct);
            if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                throw new AlertDeliveryException(Kind, "email: malformed SMTP reply", isTransient: true);
            }

            lines.Add(line.Length > 4 ? line[4..] : string.Empty);
            if (line.Length == 3 || line[3] == ' ')
            {
                return new SmtpReply(code, lines);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    private static SmtpReply Expect(SmtpReply reply, string command, params int[] expected)
    {
        if (Array.IndexOf(expected, reply.Code) < 0)
        {
            throw new AlertDeliveryException(Kind, $"email: {command} was answered {reply}", reply.IsTransientFailure);
        }

        return reply;
    }

    private async Task WriteAsync(string text, CancellationToken ct)
    {
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
        await _stream.FlushAsync(ct);
    }

    private async Task<string> ReadLineAsync(CancellationToken ct)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var length = newline - _start;
                if (length > 0 && _buffer[newline - 1] == '\r')
                {
                    length--;
                }

                var line = Encoding.UTF8.GetString(_buffer, _start, length);
                _start = newline + 1;
                return line;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                throw new AlertDeliveryException(Kind, "email: SMTP reply line too long", isTransient: true);
            }

            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), ct);
            if (read == 0)
            {
                throw new AlertDeliveryException(Kind, "email: SMTP server closed the connection", isTransient: true);
            }

            _end += read;
        }
    }
}
