using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace MentionWatch.Alerts.Channels;

/// <summary>
/// Kind <c>console</c>: prints each alert as a readable block on the console and appends it as one JSON line to
/// <see cref="ConsoleChannelOptions.JsonlPath"/>, so a local run shows what would have been sent. Urgent alerts are
/// marked, and an instruction mentioning 999 is repeated on its own line. The file is the record of what was sent: a
/// delivery whose id is already in it is not written again, and <see cref="CheckAsync"/> answers from it. It holds
/// excerpts of posts, so the retention run purges its old lines (<see cref="PurgeAsync"/>).
/// </summary>
public sealed class ConsoleAlertChannel : IAlertChannel, MentionWatch.Mentions.IRetainedFile, IDisposable
{
    private readonly TextWriter _output;
    private readonly string _jsonlPath;
    private readonly TimeProvider _timeProvider;

    // One alert's block and its JSON line are written together, so concurrent deliveries never interleave.
    private readonly SemaphoreSlim _gate = new(1, 1);

    // The delivery ids in the file, read from it on first use (another process may have written it before).
    private HashSet<string>? _written;

    public ConsoleAlertChannel(IOptions<ConsoleChannelOptions> options, TimeProvider timeProvider)
        : this(options, timeProvider, Console.Out)
    {
    }

    internal ConsoleAlertChannel(IOptions<ConsoleChannelOptions> options, TimeProvider timeProvider, TextWriter output)
    {
        _output = output;
        _jsonlPath = Path.GetFullPath(options.Value.JsonlPath);
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public string Kind => "console";

    /// <inheritdoc />
    public async Task SendAsync(AlertMessage message, ChannelTarget target, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var block = Format(message, target);
        var line = new AlertEnvelope { IdempotencyKey = idempotencyKey, SentAt = _timeProvider.GetUtcNow(), Alert = message }.ToJson();

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var written = Written();
            if (written.Contains(idempotencyKey)) return;
            var directory = Path.GetDirectoryName(_jsonlPath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            await using (var stream = new FileStream(_jsonlPath, FileMode.Append, FileAccess.Write, FileShare.Read))
            await using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                await writer.WriteAsync(line.AsMemory(), cancellationToken);
                await writer.WriteAsync('\n');
            }

            written.Add(idempotencyKey);
            await _output.WriteAsync(block);
            await _output.FlushAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<DeliveryCheck> CheckAsync(string idempotencyKey, ChannelTarget target, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return Written().Contains(idempotencyKey) ? DeliveryCheck.Sent : DeliveryCheck.NotSent;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public string Description => $"the console channel's alert file {_jsonlPath}";

    /// <summary>
    /// Rewrites the file without the lines sent before <paramref name="cutoff"/> (and any torn line), replacing it whole
    /// (written beside it, then renamed over it). Returns how many lines went.
    /// </summary>
    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(_jsonlPath)) return 0;
            var lines = await File.ReadAllLinesAsync(_jsonlPath, cancellationToken);
            var kept = lines.Where(l => AlertEnvelope.ReadSentAt(l) is { } sentAt && sentAt >= cutoff).ToList();
            if (kept.Count == lines.Length) return 0;
            var next = _jsonlPath + ".purge";
            await File.WriteAllLinesAsync(next, kept, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
            File.Move(next, _jsonlPath, overwrite: true);
            _written = null; // read again from what is left
            return lines.Length - kept.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    /// <summary>The ids of the deliveries in the file (call under the gate).</summary>
    private HashSet<string> Written()
    {
        if (_written is not null) return _written;
        var written = new HashSet<string>(StringComparer.Ordinal);
        if (File.Exists(_jsonlPath))
        {
            foreach (var line in File.ReadLines(_jsonlPath))
            {
                if (AlertEnvelope.ReadIdempotencyKey(line) is { } key) written.Add(key);
            }
        }

        return _written = written;
    }

    internal static string Format(AlertMessage message, ChannelTarget? target)
    {
        var text = new StringBuilder();
        var rule = new string(message.Urgent ? '!' : '-', 72);
        text.AppendLine(rule);
        text.Append(CultureInfo.InvariantCulture, $"{(message.Urgent ? "URGENT ALERT" : "Alert")} #{message.AlertId} for team '{message.Team}'");
        if (!string.IsNullOrWhiteSpace(target?.Address))
        {
            text.Append(CultureInfo.InvariantCulture, $" (to {target.Address})");
        }

        text.AppendLine();
        text.AppendLine(message.Headline);
        text.AppendLine(CultureInfo.InvariantCulture, $"  Labels:    {string.Join(", ", message.Labels)}");
        if (message.Posted is { } posted) text.AppendLine(CultureInfo.InvariantCulture, $"  Posted:    {posted}");
        foreach (var reason in message.Reasons)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  Why:       {Printable(reason)}");
        }

        foreach (var instruction in message.Instructions)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  Do:        {instruction}");
        }

        if (message.Urgent && message.Instructions.FirstOrDefault(i => i.Contains("999", StringComparison.Ordinal)) is { } emergency)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  >>> {emergency} <<<");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  Open:      {message.Link}");
        if (message.AcknowledgeLink is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  Ack:       {message.AcknowledgeLink}");
        }

        if (message.Excerpt is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  Excerpt:   {Printable(message.Excerpt)}");
        }

        if (message.PostUrl is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  Post:      {Printable(message.PostUrl)}");
        }

        text.AppendLine(rule);
        return text.ToString();
    }

    /// <summary>
    /// Text from a post, safe on an operator's terminal: line breaks and tabs become spaces (a newline would forge
    /// lines of the block); other control characters (an ESC starts a sequence that can clear or rewrite the screen)
    /// and bidirectional overrides become U+FFFD.
    /// </summary>
    internal static string Printable(string value)
    {
        if (!value.Any(IsUnprintable)) return value;
        return string.Create(value.Length, value, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is '\n' or '\r' or '\t' ? ' ' : IsUnprintable(c) ? '\uFFFD' : c;
            }
        });
    }

    private static bool IsUnprintable(char c) => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
