using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MassTransit;
using MentionWatch.Mentions;
using MentionWatch.Polling;
using MentionWatch.Sources.Http;
using Microsoft.Extensions.Options;

namespace MentionWatch.Sources.Instagram;

/// <summary>
/// Receives Meta's Instagram <c>mentions</c> webhook, the only way @mentions in captions and comments reach us.
/// GET is the subscription handshake. POST is checked against <c>X-Hub-Signature-256</c> (HMAC-SHA256 of the raw
/// body with the app secret) before anything is parsed; each mention it names is fetched with the documented
/// follow-up query and stored through <see cref="MentionStore.StorePageAsync"/> like a polled page (the unique key
/// makes Meta's redeliveries harmless), then published. A mention that could not be fetched is quarantined with the
/// reason and the answer is 503, so Meta delivers the notification again; 200 means everything named was stored.
/// </summary>
public sealed partial class InstagramWebhook(
    IOptions<InstagramWebhookOptions> options,
    IOptions<PollingOptions> polling,
    IEnumerable<IMentionSource> adapters,
    MentionStore store,
    MentionPublisher publisher,
    IBusControl bus,
    ILogger<InstagramWebhook> logger)
{
    public const string Path = "/webhooks/instagram";

    /// <summary>The subscription handshake: echo <c>hub.challenge</c> when the verify token matches.</summary>
    public IResult Verify(HttpRequest request)
    {
        var settings = options.Value;
        if (!settings.IsConfigured) return Results.NotFound();
        var query = request.Query;
        if (query["hub.mode"] != "subscribe" || !SameText(query["hub.verify_token"].ToString(), settings.VerifyToken!))
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        var challenge = query["hub.challenge"].ToString();
        return challenge.Length is > 0 and <= 256 ? Results.Text(challenge, "text/plain") : Results.BadRequest();
    }

    /// <summary>One signed notification: verify, fetch each mention, store, publish.</summary>
    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.IsConfigured) return Results.NotFound();
        if (request.ContentLength > settings.MaxBodyBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        var body = await ReadCappedAsync(request.Body, settings.MaxBodyBytes, ct);
        if (body is null) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        if (!SignatureMatches(request.Headers["X-Hub-Signature-256"].ToString(), body, settings.AppSecret!))
        {
            LogBadSignature(logger);
            return Results.Unauthorized();
        }

        var source = polling.Value.Sources.FirstOrDefault(s => s.Id == settings.SourceId && s.Platform == "instagram");
        var adapter = adapters.OfType<InstagramSource>().FirstOrDefault();
        if (source is null || adapter is null)
        {
            LogNoSource(logger, settings.SourceId!);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        var text = Encoding.UTF8.GetString(body);
        var page = await FetchAllAsync(adapter, source, text, ct);
        var newIds = await store.StorePageAsync(source, page, ct);
        foreach (var q in page.Quarantined) LogQuarantined(logger, source.Id, q.Reason);
        if (bus.CheckHealth().Status == BusHealthStatus.Healthy) await publisher.TryPublishAsync(newIds, ct);
        // A mention that could not be fetched is in quarantine; Meta's redelivery fetches it again.
        return page.Problem is null ? Results.Text("EVENT_RECEIVED", "text/plain") : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Every <c>mentions</c> change fetched into one page; what fails is quarantined with the reason.</summary>
    private static async Task<SourcePage> FetchAllAsync(InstagramSource adapter, SourceSettings source, string body, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            // Signed by Meta but unreadable: a redelivery would not read better, so it is kept and answered 200.
            return new SourcePage { Mentions = [], Quarantined = [new QuarantinedItem($"Instagram webhook body is not JSON: {e.Message}", body)] };
        }

        using (document)
        {
            var mentions = new List<FetchedMention>();
            var quarantined = new List<QuarantinedItem>();
            string? problem = null;
            foreach (var change in MentionChanges(document.RootElement))
            {
                var mediaId = change.Str("media_id");
                var commentId = change.Str("comment_id");
                if (!IsGraphId(mediaId) || (commentId is not null && !IsGraphId(commentId)))
                {
                    quarantined.Add(new QuarantinedItem("Instagram mentions notification without a valid media_id/comment_id", change.GetRawText()));
                    continue;
                }

                try
                {
                    var page = await adapter.FetchMentionAsync(source, mediaId!, commentId, ct);
                    mentions.AddRange(page.Mentions);
                    quarantined.AddRange(page.Quarantined);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    var reason = $"Instagram mention {(commentId is null ? $"media {mediaId}" : $"comment {commentId}")} could not be fetched; Meta redelivers the notification: {e.Message}";
                    quarantined.Add(new QuarantinedItem(reason, change.GetRawText()));
                    problem ??= reason;
                }
            }

            return new SourcePage { Mentions = mentions, Quarantined = quarantined, Problem = problem };
        }
    }

    /// <summary>
    /// The <c>value</c> of each <c>mentions</c> change. The body is one envelope
    /// (<c>{"object":"instagram","entry":[…]}</c>) or, as in Meta's guide, an array of them; other fields are ignored.
    /// </summary>
    private static List<JsonElement> MentionChanges(JsonElement root)
    {
        var envelopes = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
        var values = new List<JsonElement>();
        foreach (var envelope in envelopes.Where(e => e.ValueKind == JsonValueKind.Object))
        {
            foreach (var entry in envelope.Items("entry").Where(e => e.ValueKind == JsonValueKind.Object))
            {
                foreach (var change in entry.Items("changes").Where(c => c.ValueKind == JsonValueKind.Object))
                {
                    if (change.Str("field") == "mentions" && change.Get("value") is { ValueKind: JsonValueKind.Object } value) values.Add(value.Clone());
                }
            }
        }

        return values;
    }

    private static bool IsGraphId(string? id) => id is { Length: > 0 and <= 40 } && id.All(char.IsAsciiDigit);

    private static bool SignatureMatches(string header, byte[] body, string appSecret)
    {
        const string prefix = "sha256=";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || header.Length != prefix.Length + 64) return false;
        byte[] claimed;
        try
        {
            claimed = Convert.FromHexString(header.AsSpan(prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body);
        return CryptographicOperations.FixedTimeEquals(expected, claimed);
    }

    private static bool SameText(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    /// <summary>The body, or null when it is longer than <paramref name="max"/> bytes.</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream body, int max, CancellationToken ct)
    {
        using var memory = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            memory.Write(buffer, 0, read);
            if (memory.Length > max) return null;
        }

        return memory.ToArray();
    }

    [LoggerMessage(1101, LogLevel.Warning, "Instagram webhook: a notification with a missing or wrong signature was refused")]
    private static partial void LogBadSignature(ILogger logger);

    [LoggerMessage(1102, LogLevel.Error, "Instagram webhook: Instagram:Webhook:SourceId '{Source}' is not a configured instagram source")]
    private static partial void LogNoSource(ILogger logger, string source);

    [LoggerMessage(1103, LogLevel.Warning, "Source {Source}: quarantined a webhook item: {Reason}")]
    private static partial void LogQuarantined(ILogger logger, string source, string reason);
}
