using MentionWatch.Alerts;

namespace MentionWatch.Routing;

/// <summary>One team that receives alerts (<c>Routing:Teams:NAME</c>).</summary>
public sealed class TeamSettings
{
    /// <summary>Labels routed to this team.</summary>
    public List<string> Labels { get; set; } = [];

    /// <summary>
    /// Whether the team receives posts not in English, whatever their labels, to read them (default: comms only;
    /// unset on a configured team named like a default keeps the default's).
    /// </summary>
    public bool? HumanRead { get; set; }

    /// <summary>When true the team receives only urgent alerts (the out-of-hours on-call contact).</summary>
    public bool UrgentOnly { get; set; }

    /// <summary>Whether email and Teams alerts may carry an excerpt of the post. Default false: least personal data.</summary>
    public bool AllowExcerpt { get; set; }

    /// <summary>The team's channels; every one is sent to. Default: the console channel.</summary>
    public List<ChannelTarget> Channels { get; set; } = [];

    /// <summary>How non-urgent alerts raised out of hours reach the team. Default: <see cref="DeliveryMode.Digest"/>.</summary>
    public DeliveryMode Delivery { get; set; } = DeliveryMode.Digest;

    /// <summary>Local time office hours open on a working day (time zone and nation: <see cref="RoutingOptions"/>). Default 08:00.</summary>
    public TimeSpan OfficeHoursOpen { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Local time office hours close. Default 17:00.</summary>
    public TimeSpan OfficeHoursClose { get; set; } = TimeSpan.FromHours(17);

    /// <summary>
    /// Acknowledgement target for non-urgent alerts, in working days: by closing time on the n-th working day after
    /// the clock starts (0 = the same working day). Unset: the policy default for the team (PALS 3, press 0, others 1).
    /// </summary>
    public int? AcknowledgeWorkingDays { get; set; }

    /// <summary>Acknowledgement target for urgent alerts, at any hour. Default 15 minutes.</summary>
    public TimeSpan UrgentAcknowledgeWithin { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The team (a <c>Routing:Teams</c> name) told when this team misses its acknowledgement target; unset: this team itself.</summary>
    public string? Lead { get; set; }

    /// <summary>A copy with the policy defaults filled in (<see cref="RoutingOptions.EffectiveTeams"/>); the bound settings stay as configured.</summary>
    internal TeamSettings With(List<string> labels, bool urgentOnly, int? acknowledgeWorkingDays, bool humanRead)
    {
        var copy = (TeamSettings)MemberwiseClone();
        copy.Labels = labels;
        copy.UrgentOnly = urgentOnly;
        copy.AcknowledgeWorkingDays = acknowledgeWorkingDays;
        copy.HumanRead = humanRead;
        return copy;
    }
}
