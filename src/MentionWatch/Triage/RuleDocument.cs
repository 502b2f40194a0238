using System.Text.Json.Serialization;

namespace MentionWatch.Triage;

/// <summary>The shape of <c>Triage/Rules/rules.json</c>: a version recorded on every verdict and the rules.</summary>
public sealed record RuleDocument
{
    [JsonPropertyName("version")] public required string Version { get; init; }
    [JsonPropertyName("notes")] public string? Notes { get; init; }
    [JsonPropertyName("rules")] public IReadOnlyList<RuleDefinition> Rules { get; init; } = [];
}
