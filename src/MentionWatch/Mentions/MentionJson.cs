using System.Text.Json.Serialization;

namespace MentionWatch.Mentions;

/// <summary>
/// One mention in the JSON Lines shape of shared/eval/FORMAT.md: the replay source reads it, the
/// <c>classify</c> and <c>eval</c> verbs read it. <see cref="Expected"/> is the annotators' label, which the
/// classifier must never read; only <c>eval</c> compares against it.
/// </summary>
public sealed record MentionJson
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("platform")] public string? Platform { get; init; }
    [JsonPropertyName("postedAt")] public DateTimeOffset? PostedAt { get; init; }
    [JsonPropertyName("url")] public string? Url { get; init; }
    [JsonPropertyName("author")] public AuthorJson? Author { get; init; }
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("lang")] public string? Lang { get; init; }
    [JsonPropertyName("inReplyTo")] public string? InReplyTo { get; init; }

    /// <summary>The id of the post this one shares (a retweet), as a platform would say it; optional.</summary>
    [JsonPropertyName("sharedId")] public string? SharedId { get; init; }
    [JsonPropertyName("expected")] public ExpectedJson? Expected { get; init; }

    /// <summary>Who wrote a training post (the corpus format): the unit of leave-one-writer-out cross-validation.</summary>
    [JsonPropertyName("writer")] public string? Writer { get; init; }
}

/// <summary>The author of a mention as the platform described them when it was fetched.</summary>
public sealed record AuthorJson
{
    [JsonPropertyName("handle")] public string? Handle { get; init; }
    [JsonPropertyName("displayName")] public string? DisplayName { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("createdAt")] public DateTimeOffset? CreatedAt { get; init; }
    [JsonPropertyName("verified")] public bool? Verified { get; init; }
}

/// <summary>The annotators' verdict in a labelled set.</summary>
public sealed record ExpectedJson
{
    [JsonPropertyName("labels")] public IReadOnlyList<string> Labels { get; init; } = [];
    [JsonPropertyName("urgent")] public bool Urgent { get; init; }
    [JsonPropertyName("why")] public string? Why { get; init; }
}
