using MentionWatch.Triage;

namespace MentionWatch.Stories;

/// <summary>
/// Whether a classified post joins the story of a post it copies (no alerts of its own: the story's alerts count it)
/// or raises its own. Grouping must never hide a person:
/// <list type="bullet">
/// <item>A share joins the post it shares, distress included: the person at risk is the original author, already alerted.</item>
/// <item>The same author posting the same words again joins, unless it shows distress and no alert of the story is
/// still open: a person repeating a cry for help after someone acknowledged it is alerted again.</item>
/// <item>The same words posted (not shared) by someone else join only when nothing in them belongs to the author: a
/// different person in distress is always alerted; a different requester's FOI request opens its own case (its own
/// legal clock); a different lookalike account is its own fake account. A template complaint, a pasted news story or
/// a pile-on joins as one campaign, each author listed on the story.</item>
/// <item>Nearly the same words (an edited or cut-short copy, a template with a name changed) join only when the post is
/// not urgent and carries no label about its author, whoever posted it.</item>
/// <item>A copy whose verdict would alert a team the story did not, or alert urgently where the story did not (a quote
/// adding words, a label only the copy carries), raises its own.</item>
/// </list>
/// </summary>
public static class StoryRules
{
    /// <summary>Labels about the author, not the words: the same words from someone else are a new case.</summary>
    public static readonly IReadOnlySet<string> AuthorBound = new HashSet<string>(StringComparer.Ordinal)
    {
        Labels.Distress, Labels.FoiRequest, Labels.FakeAccount,
    };

    /// <param name="candidates">Posts with the same key classified before this one, oldest first.</param>
    /// <param name="teams">The teams this post's verdict routes to.</param>
    /// <param name="shared">The story of the post the platform says this one shares (an X retweet), when classified.</param>
    /// <param name="similar">
    /// Posts this one nearly copies (<see cref="CopyKey.Copies"/>), oldest first: asked only when no post has the same
    /// words. Nearly the same words may still say something the earlier post did not (a different question in an FOI
    /// request, a person's own distress), so a near copy joins only when nothing in it is urgent or about its author,
    /// whoever posted it.
    /// </param>
    public static StoryJoin? Join(
        CopyKey key, string platform, string? author, IReadOnlyCollection<string> labels, bool urgent, IReadOnlyCollection<string> teams,
        IReadOnlyList<StoryCandidate> candidates, StoryCandidate? shared = null, IReadOnlyList<StoryCandidate>? similar = null)
    {
        if (shared is null && (key.Key is null || candidates.Count == 0)) return JoinSimilar(platform, author, labels, urgent, teams, similar ?? []);
        var (root, kind) = shared is not null ? (shared, CopyKinds.Share) : Choose(key, platform, author, candidates);
        if (!teams.All(root.Teams.Contains) || (urgent && !root.Urgent)) return null;
        var joins = kind switch
        {
            CopyKinds.Share => true,
            CopyKinds.Repeat => !((urgent || labels.Contains(Labels.Distress)) && !root.HasOpenAlert),
            _ => !urgent && !labels.Any(AuthorBound.Contains),
        };
        return joins ? new StoryJoin(root.MentionId, kind) : null;
    }

    private static StoryJoin? JoinSimilar(
        string platform, string? author, IReadOnlyCollection<string> labels, bool urgent, IReadOnlyCollection<string> teams, IReadOnlyList<StoryCandidate> similar)
    {
        if (similar.Count == 0 || urgent || labels.Any(AuthorBound.Contains)) return null;
        var root = Handle(author) is { } own ? similar.FirstOrDefault(c => c.Platform == platform && Handle(c.AuthorHandle) == own) ?? similar[0] : similar[0];
        return teams.All(root.Teams.Contains) ? new StoryJoin(root.MentionId, CopyKinds.Similar) : null;
    }

    /// <summary>The same author's earlier post first; else, for a share, the shared author's post; else the oldest.</summary>
    private static (StoryCandidate Root, string Kind) Choose(CopyKey key, string platform, string? author, IReadOnlyList<StoryCandidate> candidates)
    {
        if (Handle(author) is { } own && candidates.FirstOrDefault(c => c.Platform == platform && Handle(c.AuthorHandle) == own) is { } same)
        {
            return (same, CopyKinds.Repeat);
        }

        // A share of a post we never stored is not a share of whichever post has the same words: that may be another
        // person's, so it counts as a copy (and a copy in distress is alerted on its own).
        if (Handle(key.SharedHandle) is { } shared && candidates.FirstOrDefault(c => Handle(c.AuthorHandle) == shared) is { } original)
        {
            return (original, CopyKinds.Share);
        }

        return (candidates[0], CopyKinds.Copy);
    }

    private static string? Handle(string? handle) =>
        string.IsNullOrWhiteSpace(handle) ? null : handle.Trim().TrimStart('@').ToLowerInvariant();
}
