using MentionWatch.Alerts;
using MentionWatch.Triage;
using Microsoft.Extensions.Options;

namespace MentionWatch.Routing;

/// <summary>
/// Refuses to start on a team that could never be reached or timed: an unknown label or channel kind, a channel
/// without an address, office hours that close before they open, targets out of range. Each failure names the key to fix.
/// </summary>
internal sealed class RoutingValidation(IEnumerable<IAlertChannel> channels) : IValidateOptions<RoutingOptions>
{
    /// <summary>Most working days a team may take to acknowledge: the FOI clock's own twenty.</summary>
    private const int MaxAcknowledgeWorkingDays = 20;

    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        var kinds = channels.Select(c => c.Kind).ToHashSet(StringComparer.Ordinal);
        var failures = new List<string>();
        if (!options.PublicBaseAddress.IsAbsoluteUri) failures.Add("Routing:PublicBaseAddress must be an absolute http(s) address of the web pages.");
        foreach (var (team, settings) in options.EffectiveTeams)
        {
            var key = $"Routing:Teams:{team}";
            failures.AddRange(settings.Labels.Where(l => !Labels.All.Contains(l))
                .Select(l => $"{key}:Labels has '{l}', which is not a label; the labels are {string.Join(", ", Labels.All)}."));
            if (settings.OfficeHoursOpen < TimeSpan.Zero || settings.OfficeHoursClose > TimeSpan.FromDays(1) || settings.OfficeHoursOpen >= settings.OfficeHoursClose)
                failures.Add($"{key}: OfficeHoursOpen ({settings.OfficeHoursOpen}) must come before OfficeHoursClose ({settings.OfficeHoursClose}), both within the day.");
            if (settings.AcknowledgeWorkingDays is < 0 or > MaxAcknowledgeWorkingDays)
                failures.Add($"{key}:AcknowledgeWorkingDays must be 0 to {MaxAcknowledgeWorkingDays}, not {settings.AcknowledgeWorkingDays}.");
            if (settings.UrgentAcknowledgeWithin <= TimeSpan.Zero)
                failures.Add($"{key}:UrgentAcknowledgeWithin must be longer than zero.");
            for (var i = 0; i < settings.Channels.Count; i++)
            {
                var channel = settings.Channels[i];
                if (!kinds.Contains(channel.Kind))
                    failures.Add($"{key}:Channels:{i}:Kind '{channel.Kind}' is not a channel; the channels are {string.Join(", ", kinds.Order(StringComparer.Ordinal))}.");
                else if (channel.Kind != "console" && string.IsNullOrWhiteSpace(channel.Address))
                    failures.Add($"{key}:Channels:{i}:Address is empty: a {channel.Kind} channel needs one.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
