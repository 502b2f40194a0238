using MentionWatch.Alerts;

namespace MentionWatch.Routing;

/// <summary>One team that receives alerts (<c>Routing:Teams:NAME</c>).</summary>
public sealed class TeamSettings
{
    /// <summary>Labels routed to this team.</summary>
    public List<string> Labels { get; set; } = [];

    /// <summary>When true the team receives only urgent alerts (the out-of-hours on-call contact).</summary>
    public bool UrgentOnly { get; set; }

    /// <summary>Whether email and Teams alerts may carry an excerpt of the post. Default false: least personal data.</summary>
    public bool AllowExcerpt { get; set; }

    /// <summary>The team's channels; every one is sent to. Default: the console channel.</summary>
    public List<ChannelTarget> Channels { get; set; } = [];
}
