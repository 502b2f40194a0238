namespace MentionWatch.Foi;

/// <summary>What a person does to an FOI case; <see cref="FoiCaseRules"/> says from which states each is legal.</summary>
public enum FoiCaseAction
{
    /// <summary>open → acknowledged.</summary>
    Acknowledge,

    /// <summary>open or acknowledged → clarification_requested: the clock stops.</summary>
    RequestClarification,

    /// <summary>clarification_requested → acknowledged: 20 working days run afresh from the clarification's receipt.</summary>
    ReceiveClarification,

    /// <summary>open or acknowledged → extended: up to 20 further working days for a public-interest test, with a reason.</summary>
    Extend,

    /// <summary>open, acknowledged or extended → responded; on time or late is recorded.</summary>
    Respond,

    /// <summary>responded → closed.</summary>
    Close,

    /// <summary>Any state before a response → withdrawn, with a reason.</summary>
    Withdraw,
}
