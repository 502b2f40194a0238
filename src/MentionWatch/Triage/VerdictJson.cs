using System.Text.Json.Serialization;

namespace MentionWatch.Triage;

/// <summary>One line of <c>classify</c> output, in the verdict shape of shared/eval/FORMAT.md.</summary>
public sealed record VerdictJson
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("labels")] public IReadOnlyList<string> Labels { get; init; } = [];
    [JsonPropertyName("urgent")] public bool Urgent { get; init; }
    [JsonPropertyName("reasons")] public IReadOnlyList<string> Reasons { get; init; } = [];

    [JsonPropertyName("classifierVersion")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClassifierVersion { get; init; }

    /// <summary>Why the input line could not be classified; absent on a good line.</summary>
    [JsonPropertyName("error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }
}
