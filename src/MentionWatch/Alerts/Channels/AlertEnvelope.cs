using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentionWatch.Alerts.Channels;

/// <summary>
/// The JSON form of an alert as the webhook channel posts it and the console channel appends it to its JSONL file:
/// <c>{"idempotencyKey":"…","sentAt":"…","alert":{"alertId":1,"team":"…","labels":[…],…}}</c> (camelCase, nulls left out).
/// </summary>
public sealed record AlertEnvelope
{
    /// <summary>The same key for every attempt at the same delivery: receivers deduplicate on it.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>When this attempt was made.</summary>
    public required DateTimeOffset SentAt { get; init; }

    public required AlertMessage Alert { get; init; }

    internal static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    internal string ToJson() => JsonSerializer.Serialize(this, SerializerOptions);

    /// <summary>The <c>idempotencyKey</c> of one JSON line, or null when the line is not an envelope (a torn last line).</summary>
    internal static string? ReadIdempotencyKey(string line) =>
        Read(line, "idempotencyKey", p => p.ValueKind == JsonValueKind.String ? p.GetString() : null);

    /// <summary>The <c>sentAt</c> of one JSON line, or null when the line is not an envelope.</summary>
    internal static DateTimeOffset? ReadSentAt(string line) =>
        Read(line, "sentAt", p => p.ValueKind == JsonValueKind.String && p.TryGetDateTimeOffset(out var at) ? at : (DateTimeOffset?)null);

    private static T? Read<T>(string line, string property, Func<JsonElement, T?> value)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(property, out var p)
                ? value(p)
                : default;
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
