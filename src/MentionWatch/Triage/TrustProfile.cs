using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentionWatch.Triage;

/// <summary>
/// Who the trust is: its name, the names people call it, its register of official accounts and its time zone.
/// The shape is the one of shared/eval/FORMAT.md, so a profile file can be handed to <c>classify</c> as is.
/// </summary>
public sealed record TrustProfile
{
    public const string SectionName = "Trust";

    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("aliases")] public IReadOnlyList<string> Aliases { get; init; } = [];
    [JsonPropertyName("officialAccounts")] public IReadOnlyList<OfficialAccount> OfficialAccounts { get; init; } = [];
    /// <summary>Part of the shared profile format; the service itself reads its time zone from <c>Time:Zone</c>.</summary>
    [JsonPropertyName("timeZone")] public string TimeZone { get; init; } = MentionWatch.Time.TrustTime.DefaultZoneId;

    private static readonly JsonSerializerOptions FileOptions = new() { PropertyNameCaseInsensitive = true };

    public static TrustProfile Load(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<TrustProfile>(stream, FileOptions)
               ?? throw new InvalidDataException($"Trust profile {path} is empty.");
    }
}

/// <summary>An account in the trust's register of authorised accounts.</summary>
public sealed record OfficialAccount
{
    [JsonPropertyName("platform")] public string Platform { get; init; } = "";
    [JsonPropertyName("handle")] public string Handle { get; init; } = "";
    [JsonPropertyName("displayName")] public string? DisplayName { get; init; }
}
