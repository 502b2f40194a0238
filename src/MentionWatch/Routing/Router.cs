using Microsoft.Extensions.Options;

namespace MentionWatch.Routing;

/// <summary>Decides which teams a verdict reaches: each team once, however many of its labels the verdict carries.</summary>
public sealed class Router(IOptions<RoutingOptions> options)
{
    public IReadOnlyList<string> Route(IReadOnlyList<string> labels, bool urgent) =>
        options.Value.EffectiveTeams
            .Where(t => (!t.Value.UrgentOnly || urgent) && t.Value.Labels.Any(labels.Contains))
            .Select(t => t.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
}
