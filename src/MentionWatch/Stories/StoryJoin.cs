namespace MentionWatch.Stories;

/// <summary>A copy joining the story headed by <see cref="RootId"/>, as a <see cref="CopyKinds"/> kind.</summary>
public sealed record StoryJoin(long RootId, string Kind);
