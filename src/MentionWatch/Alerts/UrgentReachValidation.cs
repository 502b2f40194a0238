using MentionWatch.Routing;
using MentionWatch.Triage;
using Microsoft.Extensions.Options;

namespace MentionWatch.Alerts;

/// <summary>
/// Refuses to start (outside <see cref="AlertDeliveryOptions.DemoMode"/>) while a team that can receive an urgent
/// alert — one that takes distress, an urgent-only team, an escalation contact — has no channel that reaches a
/// person: with the default teams every urgent alert would go to the console log alone, and nobody would know.
/// </summary>
internal sealed class UrgentReachValidation(IOptions<RoutingOptions> routing) : IValidateOptions<AlertDeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertDeliveryOptions options)
    {
        if (options.DemoMode) return ValidateOptionsResult.Success;
        var teams = routing.Value.EffectiveTeams;
        var silent = teams
            .Where(t => t.Value.Labels.Contains(Labels.Distress) || t.Value.UrgentOnly || options.EscalationContacts.Contains(t.Key, StringComparer.OrdinalIgnoreCase))
            .Where(t => !t.Value.Channels.Any(ReachesAPerson))
            .Select(t => t.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        return silent.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(silent.Select(team =>
                $"Team '{team}' can receive urgent alerts but has no channel that reaches a person (the console channel only writes a log): "
                + $"set Routing:Teams:{team}:Channels:0:Kind to email, teams, notify-sms or webhook, with its Address "
                + "(or set Alerts:DemoMode=true for a demo whose alerts only go to the console)."));
    }

    /// <summary>A channel used first (not a fallback) that sends to someone: anything but the console.</summary>
    private static bool ReachesAPerson(ChannelTarget channel) => !channel.Fallback && channel.Kind != "console";
}
