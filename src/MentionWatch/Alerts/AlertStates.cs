namespace MentionWatch.Alerts;

/// <summary>The states an alert moves through: open, then acknowledged by a person, then closed.</summary>
public static class AlertStates
{
    public const string Open = "open";
    public const string Acknowledged = "acknowledged";
    public const string Closed = "closed";

    public static IReadOnlyList<string> All { get; } = [Open, Acknowledged, Closed];
}
