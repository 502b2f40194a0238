using MentionWatch.Triage;

namespace MentionWatch.Routing;

/// <summary>Which team receives which label (<c>Routing</c> section). Without configuration, the policy defaults apply.</summary>
public sealed class RoutingOptions
{
    public const string SectionName = "Routing";

    /// <summary>Teams by name. Empty means <see cref="Defaults"/>.</summary>
    public Dictionary<string, TeamSettings> Teams { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Base address of the web pages, used for links in alerts.</summary>
    public Uri PublicBaseAddress { get; set; } = new("http://localhost:8080/");

    /// <summary>
    /// The trusts' policies (shared/POLICY.md): complaints to PALS, distress to the Single Point of Access, FOI
    /// requests to the FOI team, media enquiries to the press office, fake accounts, staff abuse and praise to
    /// comms; urgent distress also to the on-call contact.
    /// </summary>
    public static Dictionary<string, TeamSettings> Defaults() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["pals"] = new() { Labels = [Labels.Complaint] },
        ["spa"] = new() { Labels = [Labels.Distress] },
        ["foi"] = new() { Labels = [Labels.FoiRequest] },
        ["press"] = new() { Labels = [Labels.MediaEnquiry] },
        ["comms"] = new() { Labels = [Labels.FakeAccount, Labels.StaffAbuse, Labels.Praise] },
        ["oncall"] = new() { Labels = [Labels.Distress], UrgentOnly = true },
    };

    /// <summary>The configured teams, or the defaults; a configured team named like a default and given no labels keeps the default's.</summary>
    public IReadOnlyDictionary<string, TeamSettings> EffectiveTeams
    {
        get
        {
            var defaults = Defaults();
            if (Teams.Count == 0) return defaults;
            foreach (var (name, team) in Teams)
            {
                if (team.Labels.Count == 0 && defaults.TryGetValue(name, out var fallback))
                {
                    team.Labels = fallback.Labels;
                    team.UrgentOnly |= fallback.UrgentOnly;
                }
            }

            return Teams;
        }
    }
}
