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
        long lineNumber = 0;
        var read = 0;

        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (lineNumber <= skip) continue;
            if (read == PageSize) return Page(mentions, quarantined, skip + read, hasMore: true);
            read++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (TryMap(line, out var mention, out var reason)) mentions.Add(mention);
            else quarantined.Add(new QuarantinedItem($"line {lineNumber}: {reason}", line));
        }

        return Page(mentions, quarantined, skip + read, hasMore: false);
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
