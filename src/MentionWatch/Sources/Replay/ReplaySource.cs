using System.Globalization;
using System.Text.Json;
using MentionWatch.Mentions;

namespace MentionWatch.Sources.Replay;

/// <summary>
/// Reads mentions from a JSON Lines file in the shape of shared/eval/FORMAT.md (the <c>expected</c> field is
/// ignored), like a platform: the cursor is the number of lines already consumed, pages are
/// <see cref="PageSize"/> lines. Lines that cannot be read are quarantined with the line number and the reason.
/// Settings: <c>Path</c> (required).
/// </summary>
public sealed class ReplaySource : IMentionSource
{
    public const int PageSize = 500;

    public string Platform => "replay";

    public async Task<SourcePage> FetchAsync(SourceSettings source, string? cursor, CancellationToken cancellationToken)
    {
        var path = source.Get("Path") ?? throw new InvalidOperationException($"Source {source.Id} has no Settings:Path.");
        var skip = cursor is null ? 0 : long.Parse(cursor, CultureInfo.InvariantCulture);
        var mentions = new List<FetchedMention>();
        var quarantined = new List<QuarantinedItem>();
        var read = 0;

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        var lineNumber = SkipLines(stream, skip);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (read == PageSize) return Page(mentions, quarantined, skip + read, hasMore: true);
            read++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (TryMap(line, out var mention, out var reason)) mentions.Add(mention);
            else quarantined.Add(new QuarantinedItem($"line {lineNumber}: {reason}", line));
        }

        return Page(mentions, quarantined, skip + read, hasMore: false);
    }

    /// <summary>
    /// Moves <paramref name="stream"/> past the first <paramref name="lines"/> lines, counted as
    /// <see cref="StreamReader.ReadLine"/> counts them (<c>\n</c>, <c>\r\n</c> or a lone <c>\r</c>), without decoding
    /// them: a long file is read from the start on every page, and decoding what is skipped made paging quadratic in
    /// the cost of strings. Returns how many lines were skipped (fewer when the file is shorter).
    /// </summary>
    internal static long SkipLines(Stream stream, long lines)
    {
        if (lines <= 0) return 0;
        var buffer = new byte[1 << 16];
        long skipped = 0, position = 0;
        var pendingCr = false; // a \r at the end of the last block: a following \n belongs to the same line end
        var partial = false; // bytes read since the last line end: a last line without an end still counts
        int length;
        while ((length = stream.Read(buffer)) > 0)
        {
            var block = buffer.AsSpan(0, length);
            var i = 0;
            if (pendingCr && block[0] == (byte)'\n') i = 1;
            pendingCr = false;
            while (i < length)
            {
                var next = block[i..].IndexOfAny((byte)'\r', (byte)'\n');
                if (next < 0)
                {
                    partial = true;
                    break;
                }

                i += next;
                if (block[i] == (byte)'\r' && i + 1 == length) pendingCr = true;
                else if (block[i] == (byte)'\r' && block[i + 1] == (byte)'\n') i++;

                i++;
                partial = false;
                if (++skipped == lines)
                {
                    // A \r\n split across blocks: the \n is still to come and is part of this line's end.
                    stream.Position = position + i + (pendingCr && PeekIsLineFeed(stream, position + i) ? 1 : 0);
                    return skipped;
                }
            }

            position += length;
        }

        return partial ? skipped + 1 : skipped;
    }

    private static bool PeekIsLineFeed(Stream stream, long at)
    {
        stream.Position = at;
        return stream.ReadByte() == '\n';
    }

    private static SourcePage Page(List<FetchedMention> mentions, List<QuarantinedItem> quarantined, long consumed, bool hasMore) => new()
    {
        Mentions = mentions,
        Quarantined = quarantined,
        NextCursor = consumed.ToString(CultureInfo.InvariantCulture),
        HasMore = hasMore,
    };

    /// <summary>Maps one line; on failure says why in words an operator understands.</summary>
    public static bool TryMap(string line, out FetchedMention mention, out string reason)
    {
        mention = null!;
        MentionJson? json;
        try
        {
            // Escaped half surrogates (an emoji cut in two) would fail the whole line: read them as U+FFFD.
            json = JsonSerializer.Deserialize<MentionJson>(StorageText.CleanJson(line));
        }
        catch (JsonException e)
        {
            reason = $"not valid JSON ({e.Message})";
            return false;
        }

        reason = json switch
        {
            null => "the line is JSON null",
            { Id: null or "" } => "the mention has no id",
            { Text: null } => "the mention has no text",
            { PostedAt: null } => "the mention has no postedAt",
            { Platform: null or "" } => "the mention has no platform",
            _ => "",
        };
        if (reason.Length > 0) return false;

        mention = new FetchedMention
        {
            ExternalId = json!.Id!,
            Platform = json.Platform!,
            Text = json.Text!,
            PostedAt = json.PostedAt!.Value,
            Url = json.Url,
            Lang = json.Lang,
            InReplyTo = json.InReplyTo,
            SharedId = json.SharedId,
            AuthorHandle = json.Author?.Handle,
            AuthorDisplayName = json.Author?.DisplayName,
            AuthorDescription = json.Author?.Description,
            AuthorCreatedAt = json.Author?.CreatedAt,
            AuthorVerified = json.Author?.Verified ?? false,
            RawPayload = line,
        };
        return true;
    }
}
