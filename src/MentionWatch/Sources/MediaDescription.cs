namespace MentionWatch.Sources;

/// <summary>
/// The text stored for a post that carries media and no words of its own (a photo-only tagged post, an
/// attachment-only comment, a video with no description): a plain account of what it carries and whatever the
/// platform says about it, so it is read, classified and routed like any other mention instead of being lost.
/// </summary>
public static class MediaDescription
{
    /// <summary>
    /// "Photo with no text. Alt text: …. Title: …" — <paramref name="kind"/> is what the post carries, in words
    /// (photo, video, link, album); <paramref name="details"/> are the labelled texts the platform gave, empty ones left out.
    /// </summary>
    public static string Describe(string kind, params (string Label, string? Value)[] details)
    {
        var parts = details.Where(d => !string.IsNullOrWhiteSpace(d.Value)).Select(d => $"{d.Label}: {d.Value!.Trim()}");
        var head = $"{char.ToUpperInvariant(kind[0])}{kind[1..]} with no text";
        return string.Join(". ", new[] { head }.Concat(parts));
    }

    /// <summary>Words for Meta's media types (<c>IMAGE</c>, <c>VIDEO</c>, <c>CAROUSEL_ALBUM</c>, attachment <c>photo</c>, <c>share</c>…).</summary>
    public static string Kind(string? mediaType) => mediaType?.ToUpperInvariant() switch
    {
        "IMAGE" or "PHOTO" or "COVER_PHOTO" or "PROFILE_MEDIA" => "photo",
        "VIDEO" or "VIDEO_INLINE" or "VIDEO_AUTOPLAY" or "REELS" or "REEL" => "video",
        "CAROUSEL_ALBUM" or "ALBUM" => "album of photos or videos",
        "SHARE" or "LINK" => "link",
        "STICKER" => "sticker",
        "ANIMATED_IMAGE_SHARE" or "ANIMATED_IMAGE_AUTOPLAY" or "ANIMATED_IMAGE_VIDEO" => "animated image",
        null or "" => "media",
        var other => other.ToLowerInvariant().Replace('_', ' '),
    };
}
