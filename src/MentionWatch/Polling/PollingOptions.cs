using MentionWatch.Sources;

namespace MentionWatch.Polling;

/// <summary>The configured sources and how polling treats them.</summary>
public sealed class PollingOptions
{
    /// <summary>Sources, bound from the <c>Sources</c> configuration section.</summary>
    public List<SourceSettings> Sources { get; set; } = [];

    /// <summary>Pages fetched at most in one poll before yielding to the next trigger. Default 20.</summary>
    public int MaxPagesPerPoll { get; set; } = 20;

    /// <summary>Age after which a stored but unpublished mention is republished by the sweeper. Default 1 minute.</summary>
    public TimeSpan RepublishAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the sweeper looks for unpublished mentions. Default 30 seconds.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a poll waits for the broker before leaving its mentions to the sweeper. Default 30 seconds.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
