using System.ComponentModel.DataAnnotations;
using MentionWatch.Foi;
using MentionWatch.Triage;

namespace MentionWatch.Routing;

/// <summary>Which team receives which label (<c>Routing</c> section). Without configuration, the policy defaults apply.</summary>
public sealed class RoutingOptions
{
    public const string SectionName = "Routing";

    /// <summary>Teams by name. Empty means <see cref="Defaults"/>.</summary>
    public Dictionary<string, TeamSettings> Teams { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The trust's own nation, whose bank holidays close its offices. Default England and Wales.</summary>
    public UkDivision Nation { get; set; } = UkDivision.EnglandAndWales;

    /// <summary>Base address of the web pages, used for links in alerts.</summary>
    [Required]
    public Uri PublicBaseAddress { get; set; } = new("http://localhost:8080/");

    private IReadOnlyDictionary<string, TeamSettings>? _effectiveTeams;

    /// <summary>
    /// The trusts' policies (shared/POLICY.md): complaints to PALS, distress to the Single Point of Access, FOI
    /// requests to the FOI team, media enquiries to the press office, fake accounts, staff abuse and praise to
    /// comms; urgent distress also to the on-call contact; posts not in English to comms, to be read.
    /// </summary>
    public static Dictionary<string, TeamSettings> Defaults() => new(StringComparer.OrdinalIgnoreCase)
    {
        // PALS: the NHS complaints regulations' 3 working days to acknowledge a complaint.
        ["pals"] = new() { Labels = [Labels.Complaint], AcknowledgeWorkingDays = 3 },
        ["spa"] = new() { Labels = [Labels.Distress], AcknowledgeWorkingDays = 1 },
        ["foi"] = new() { Labels = [Labels.FoiRequest], AcknowledgeWorkingDays = 1 },
        // Press: journalists work to the day's deadlines.
        ["press"] = new() { Labels = [Labels.MediaEnquiry], AcknowledgeWorkingDays = 0 },
        // Comms also read what is not in English (or find someone who can).
        ["comms"] = new() { Labels = [Labels.FakeAccount, Labels.StaffAbuse, Labels.Praise], HumanRead = true, AcknowledgeWorkingDays = 1 },
        ["oncall"] = new() { Labels = [Labels.Distress], UrgentOnly = true, AcknowledgeWorkingDays = 0 },
    };

    /// <summary>
    /// The configured teams, or the defaults; a configured team named like a default and given no labels keeps the
    /// default's. Built on first use, once per bound options instance: configuration is not read again after binding.
    /// </summary>
    public IReadOnlyDictionary<string, TeamSettings> EffectiveTeams => _effectiveTeams ??= ResolveTeams();

    private IReadOnlyDictionary<string, TeamSettings> ResolveTeams()
    {
        var defaults = Defaults();
        if (Teams.Count == 0) return defaults;
        var resolved = new Dictionary<string, TeamSettings>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, team) in Teams)
        {
            var policy = defaults.GetValueOrDefault(name);
            var labels = team.Labels.Count == 0 && policy is not null ? policy.Labels : team.Labels;
            resolved[name] = team.With(
                labels,
                team.UrgentOnly || (team.Labels.Count == 0 && policy?.UrgentOnly == true),
                team.AcknowledgeWorkingDays ?? (policy is null ? 1 : policy.AcknowledgeWorkingDays),
                team.HumanRead ?? policy?.HumanRead ?? false);
        }

        return resolved;
    }
}
