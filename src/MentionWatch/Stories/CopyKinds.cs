namespace MentionWatch.Stories;

/// <summary>How a post copies the one whose story it joins (column <c>mentions.copy_kind</c>).</summary>
public static class CopyKinds
{
    /// <summary>A share or retweet: someone passing on another's post.</summary>
    public const string Share = "share";

    /// <summary>The same author posting the same words again.</summary>
    public const string Repeat = "repeat";

    /// <summary>The same words posted by someone else (a template complaint, a copied petition, a pasted story).</summary>
    public const string Copy = "copy";

    /// <summary>Nearly the same words, by anyone: an edited or cut-short copy, a template with a name or a number changed.</summary>
    public const string Similar = "similar";
}
