namespace MentionWatch.Foi;

/// <summary>An FOI request that reached the trust by another route (email, letter), opened by hand.</summary>
public sealed record FoiCaseOpening
{
    /// <summary>When it was received; the Europe/London date starts the clock.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    public required string Requester { get; init; }

    public required string Summary { get; init; }

    /// <summary>Who opened it.</summary>
    public required string Actor { get; init; }
}
