using System.Globalization;
using System.Text.Json;

namespace MentionWatch.Sources.Http;

/// <summary>
/// Tolerant reads from platform JSON: a missing or mistyped field is null, never an exception, so one odd item is
/// quarantined instead of failing the page. Times accept ISO 8601 with or without a colon in the offset (Meta's
/// <c>+0000</c>) and Unix seconds as numbers (Reddit's <c>1730190345.0</c>). Zero is 1970, as an ISO string saying
/// 1970 would be on any other platform: the post is stored with that date (its FOI clock shows it overdue, which
/// gets it looked at) rather than quarantined unseen.
/// </summary>
public static class JsonFields
{
    public static JsonElement? Get(this JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current)) return null;
        }

        return current.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : current;
    }

    public static string? Str(this JsonElement element, params string[] path) => element.Get(path) switch
    {
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { ValueKind: JsonValueKind.Number } e => e.GetRawText(),
        _ => null,
    };

    public static bool Bool(this JsonElement element, params string[] path) => element.Get(path) is { ValueKind: JsonValueKind.True };

    public static DateTimeOffset? Time(this JsonElement element, params string[] path) => element.Get(path) switch
    {
        { ValueKind: JsonValueKind.String } e => ParseTime(e.GetString()),
        { ValueKind: JsonValueKind.Number } e when e.TryGetDouble(out var seconds) && seconds is >= 0 and < 32_503_680_000 =>
            DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)),
        _ => null,
    };

    public static IEnumerable<JsonElement> Items(this JsonElement element, params string[] path) =>
        element.Get(path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    public static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
