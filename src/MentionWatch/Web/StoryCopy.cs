namespace MentionWatch.Web;

/// <summary>A copy listed on its story's page: who shared or posted the words again, how, and when.</summary>
public sealed record StoryCopy(long MentionId, string Platform, string? AuthorHandle, string? Kind, DateTimeOffset PostedAt);
