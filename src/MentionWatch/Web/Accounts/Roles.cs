namespace MentionWatch.Web.Accounts;

/// <summary>
/// The roles a person can hold and the alert teams each role sees. The map follows the trusts' policies
/// (shared/POLICY.md): comms runs the accounts and answers the press, so it sees the comms and press queues;
/// SPA handles distress, so it sees the SPA and on-call queues; PALS and FOI see their own. An urgent distress
/// alert is also shown to comms, whichever team it was routed to, because comms may be first to see the post.
/// Admin sees everything and manages users, sources and the register.
/// </summary>
public static class Roles
{
    public const string Comms = "comms";
    public const string Pals = "pals";
    public const string Foi = "foi";
    public const string Spa = "spa";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Comms, Pals, Foi, Spa, Admin];

    /// <summary>Alert teams (<c>alerts.team</c>) visible to each role; admin is unrestricted.</summary>
    public static IReadOnlyDictionary<string, string[]> Teams { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Comms] = ["comms", "press"],
        [Pals] = ["pals"],
        [Foi] = ["foi"],
        [Spa] = ["spa", "oncall"],
    };

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
