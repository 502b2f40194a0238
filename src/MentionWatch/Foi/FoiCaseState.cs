namespace MentionWatch.Foi;

/// <summary>Where an FOI case is in its life; stored as the snake_case text of <see cref="FoiCaseStates"/>.</summary>
public enum FoiCaseState
{
    /// <summary>Received; the clock runs from the day after receipt.</summary>
    Open,

    /// <summary>The FOI team has taken it on; the clock still runs.</summary>
    Acknowledged,

    /// <summary>The trust asked the requester to clarify (FOIA s.1(3)); the clock is stopped until they answer.</summary>
    ClarificationRequested,

    /// <summary>Extended for a public-interest test (FOIA s.10(3)): a later due date, with a reason.</summary>
    Extended,

    /// <summary>Answered (on time or late, recorded).</summary>
    Responded,

    /// <summary>Nothing more to do after the response.</summary>
    Closed,

    /// <summary>The requester withdrew it (or never clarified); no response is due.</summary>
    Withdrawn,
}

/// <summary>The database text of each <see cref="FoiCaseState"/>, and which states have the clock running.</summary>
public static class FoiCaseStates
{
    /// <summary>States in which the statutory clock runs and reminders go out.</summary>
    public static readonly IReadOnlySet<FoiCaseState> ClockRunning = new HashSet<FoiCaseState> { FoiCaseState.Open, FoiCaseState.Acknowledged, FoiCaseState.Extended };

    /// <summary>States from which nothing can follow.</summary>
    public static bool IsFinal(FoiCaseState state) => state is FoiCaseState.Closed or FoiCaseState.Withdrawn;

    public static string ToText(FoiCaseState state) => state switch
    {
        FoiCaseState.Open => "open",
        FoiCaseState.Acknowledged => "acknowledged",
        FoiCaseState.ClarificationRequested => "clarification_requested",
        FoiCaseState.Extended => "extended",
        FoiCaseState.Responded => "responded",
        FoiCaseState.Closed => "closed",
        FoiCaseState.Withdrawn => "withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown FOI case state."),
    };

    public static FoiCaseState Parse(string text) => text switch
    {
        "open" => FoiCaseState.Open,
        "acknowledged" => FoiCaseState.Acknowledged,
        "clarification_requested" => FoiCaseState.ClarificationRequested,
        "extended" => FoiCaseState.Extended,
        "responded" => FoiCaseState.Responded,
        "closed" => FoiCaseState.Closed,
        "withdrawn" => FoiCaseState.Withdrawn,
        _ => throw new FormatException($"Unknown FOI case state '{text}'."),
    };
}
