namespace MentionWatch.Triage;

/// <summary>
/// The classifier's verdict on one mention: its labels (possibly none), whether there is an immediate risk to
/// life, the reasons in words a comms officer understands, and the version of the rules that produced it.
/// </summary>
public sealed record TriageResult
{
    public required IReadOnlyList<string> Labels { get; init; }
    public required bool Urgent { get; init; }
    public required IReadOnlyList<string> Reasons { get; init; }
    public required string ClassifierVersion { get; init; }

    /// <summary>
    /// Not in English: a person who reads the language must look at it, whatever labels it has (the rules know crisis
    /// words in the languages most written to UK trusts, the model was trained mostly on English). Routed to the teams
    /// that read such posts (<c>Routing:Teams:*:HumanRead</c>; comms by default).
    /// </summary>
    public bool NeedsHumanRead { get; init; }

    /// <summary>Posted by one of the trust's own official accounts: never labelled, by the rules or the model.</summary>
    public bool TrustsOwn { get; init; }
}
