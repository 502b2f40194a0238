using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace MentionWatch.Alerts.Channels;

/// <summary>
/// Kind <c>teams</c>: POSTs an Adaptive Card (schema 1.4) to the target's Microsoft Teams incoming-webhook or
/// Workflows URL. The card shows the headline, labels, reasons, instructions, when and where it was posted, and
/// buttons to open and acknowledge the alert; the excerpt only when the message carries one.
/// </summary>
/// <remarks>
/// The excerpt is the only text from the post itself. It goes in a <c>RichTextBlock</c> <c>TextRun</c>, which Teams
/// shows literally, so markdown in a post cannot add links or formatting to the card. Teams does not deduplicate:
/// a retry after a lost reply can post the card twice, which is better than not at all.
/// </remarks>
public sealed class TeamsAlertChannel : IAlertChannel
{
    /// <summary>Name of the resilient <see cref="HttpClient"/> this channel uses.</summary>
    public const string HttpClientName = "alerts-teams";

    private readonly IHttpClientFactory _httpClientFactory;

    public TeamsAlertChannel(IHttpClientFactory httpClientFactory)
    {
        _httpClientFactory = httpClientFactory;
    }

    /// <inheritdoc />
    public string Kind => "teams";

    /// <inheritdoc />
    public async Task SendAsync(AlertMessage message, ChannelTarget target, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(target);
        var endpoint = AlertHttp.RequireEndpoint(Kind, target.Address);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(BuildPayload(message, idempotencyKey).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        // Teams' incoming webhooks do not deduplicate: the id goes as a header for a relay that does, and on the card,
        // where a reader can see that two cards are one delivery.
        request.Headers.Add(WebhookSignature.IdempotencyKeyHeader, idempotencyKey);
        await AlertHttp.SendAsync(Kind, _httpClientFactory.CreateClient(HttpClientName), request, cancellationToken);
    }

    /// <summary>The webhook message: one Adaptive Card attachment.</summary>
    internal static JsonObject BuildPayload(AlertMessage message, string idempotencyKey)
    {
        var body = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = message.Headline,
                ["size"] = "Large",
                ["weight"] = "Bolder",
                ["wrap"] = true,
                ["color"] = message.Urgent ? "Attention" : "Default",
            },
            new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray
                {
                    Fact("Team", message.Team),
                    Fact("Labels", string.Join(", ", message.Labels)),
                    Fact("Posted", message.Posted ?? "—"),
                    Fact("Alert", message.AlertId.ToString(CultureInfo.InvariantCulture)),
                    Fact("Delivery id", idempotencyKey),
                },
            },
        };

        AddList(body, "Why", message.Reasons, urgent: false);
        AddList(body, "What to do", message.Instructions, message.Urgent);

        if (message.Excerpt is not null)
        {
            body.Add(new JsonObject
            {
                ["type"] = "RichTextBlock",
                ["separator"] = true,
                ["inlines"] = new JsonArray
                {
                    new JsonObject { ["type"] = "TextRun", ["text"] = message.Excerpt, ["italic"] = true },
                },
            });
        }

        var actions = new JsonArray { OpenUrl("Open in MentionWatch", message.Link) };
        if (message.AcknowledgeLink is not null)
        {
            actions.Add(OpenUrl("Acknowledge", message.AcknowledgeLink));
        }

        if (message.PostUrl is not null)
        {
            actions.Add(OpenUrl("View post", message.PostUrl));
        }

        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject
                {
                    ["contentType"] = "application/vnd.microsoft.card.adaptive",
                    ["contentUrl"] = null,
                    ["content"] = new JsonObject
                    {
                        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                        ["type"] = "AdaptiveCard",
                        ["version"] = "1.4",
                        ["msteams"] = new JsonObject { ["width"] = "Full" },
                        ["body"] = body,
                        ["actions"] = actions,
                    },
                },
            },
        };
    }

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };

    private static JsonObject OpenUrl(string title, string url) => new() { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = url };

    private static void AddList(JsonArray body, string heading, IReadOnlyList<string> items, bool urgent)
    {
        if (items.Count == 0)
        {
            return;
        }

        body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = heading, ["weight"] = "Bolder", ["spacing"] = "Medium" });
        foreach (var item in items)
        {
            var emergency = urgent && item.Contains("999", StringComparison.Ordinal);
            body.Add(new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = "• " + item,
                ["wrap"] = true,
                ["spacing"] = "Small",
                ["weight"] = emergency ? "Bolder" : "Default",
                ["color"] = emergency ? "Attention" : "Default",
            });
        }
    }
}
