using System.Globalization;
using System.Text.Json;

namespace MentionWatch.Foi;

/// <summary>
/// Reads the GOV.UK <c>bank-holidays.json</c> format
/// (<c>{"england-and-wales":{"division":"england-and-wales","events":[{"title":"…","date":"2026-01-01","notes":"","bunting":true}]},…}</c>).
/// </summary>
/// <remarks>
/// This is how an operator adds a one-off bank holiday announced after a release (a state funeral, a coronation),
/// so the FOIA s.10(6) working-day count sees it. The same reader loads the table shipped with MentionWatch.
/// </remarks>
public static class GovUkBankHolidaysJson
{
    /// <summary>The address GOV.UK publishes the file at.</summary>
    public static readonly Uri OfficialUri = new("https://www.gov.uk/bank-holidays.json");

    /// <summary>Parses the JSON text; throws <see cref="FormatException"/> naming the offending part when it is malformed.</summary>
    public static IReadOnlyList<BankHoliday> Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("Expected a JSON object keyed by division (england-and-wales, scotland, northern-ireland).");
            }

            var holidays = new List<BankHoliday>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var division = ParseDivision(property.Name);
                if (!property.Value.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
                {
                    throw new FormatException($"Division '{property.Name}' has no \"events\" array.");
                }

                foreach (var item in events.EnumerateArray())
                {
                    holidays.Add(ParseEvent(item, division, property.Name));
                }
            }

            return holidays;
        }
    }

    /// <summary>Reads and parses a file in the GOV.UK format.</summary>
    public static async Task<IReadOnlyList<BankHoliday>> LoadFileAsync(string path, CancellationToken ct = default) =>
        Parse(await File.ReadAllTextAsync(path, ct));

    /// <summary>Downloads and parses the GOV.UK format from <paramref name="uri"/> (usually <see cref="OfficialUri"/>).</summary>
    public static async Task<IReadOnlyList<BankHoliday>> LoadAsync(Uri uri, HttpClient http, CancellationToken ct = default) =>
        Parse(await http.GetStringAsync(uri, ct));

    /// <summary>The GOV.UK key of a division.</summary>
    public static string KeyOf(UkDivision division) => division switch
    {
        UkDivision.EnglandAndWales => "england-and-wales",
        UkDivision.Scotland => "scotland",
        UkDivision.NorthernIreland => "northern-ireland",
        _ => throw new ArgumentOutOfRangeException(nameof(division), division, "Unknown UK division."),
    };

    private static UkDivision ParseDivision(string key) => key switch
    {
        "england-and-wales" => UkDivision.EnglandAndWales,
        "scotland" => UkDivision.Scotland,
        "northern-ireland" => UkDivision.NorthernIreland,

        // An unknown key means the wrong file (or a changed format); guessing would silently drop holidays.
        _ => throw new FormatException($"Unknown division '{key}'; expected england-and-wales, scotland or northern-ireland."),
    };

    private static BankHoliday ParseEvent(JsonElement item, UkDivision division, string key)
    {
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("date", out var dateElement)
            || dateElement.ValueKind != JsonValueKind.String
            || !DateOnly.TryParseExact(dateElement.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new FormatException($"An event in '{key}' has no \"date\" in yyyy-MM-dd form: {item.GetRawText()}");
        }

        var title = item.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "Bank holiday";
        var notes = item.TryGetProperty("notes", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : string.Empty;
        return new BankHoliday(date, title, division, notes.Contains("substitute", StringComparison.OrdinalIgnoreCase));
    }
}
