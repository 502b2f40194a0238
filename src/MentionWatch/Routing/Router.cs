using Microsoft.Extensions.Options;

namespace MentionWatch.Routing;

/// <summary>
/// Decides which teams a verdict reaches: each team once, however many of its labels the verdict carries, and a post
/// not in English also the teams that read such posts.
/// </summary>
public sealed class Router(IOptions<RoutingOptions> options)
{
    public IReadOnlyList<string> Route(IReadOnlyList<string> labels, bool urgent, bool needsHumanRead = false) =>
        options.Value.EffectiveTeams
            .Where(t => (!t.Value.UrgentOnly || urgent) && (t.Value.Labels.Any(labels.Contains) || (needsHumanRead && t.Value.HumanRead == true)))
            .Select(t => t.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
}
