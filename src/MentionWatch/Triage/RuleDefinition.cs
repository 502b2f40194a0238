using System.Text.Json.Serialization;

namespace MentionWatch.Triage;

/// <summary>One rule of the rules file: an id, the category the engine asks about, a plain-words reason and its patterns.</summary>
public sealed record RuleDefinition
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("category")] public required string Category { get; init; }
    [JsonPropertyName("reason")] public required string Reason { get; init; }
    [JsonPropertyName("patterns")] public IReadOnlyList<string> Patterns { get; init; } = [];
}
