namespace MentionWatch.Triage;

/// <summary>What a handle is to the trust.</summary>
public enum HandleKind
{
    /// <summary>Nothing to do with the trust's accounts.</summary>
    Unrelated = 0,

    /// <summary>In the trust's register of official accounts.</summary>
    Official = 1,

    /// <summary>Imitates the trust's accounts or name but is not in the register.</summary>
    Lookalike = 2,
}
