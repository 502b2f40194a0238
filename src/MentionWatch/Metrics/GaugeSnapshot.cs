namespace MentionWatch.Metrics;

/// <summary>One reading of the gauges' figures. Null or empty: not read (the database or broker did not answer).</summary>
public sealed record GaugeSnapshot
{
    public static GaugeSnapshot Empty { get; } = new();

    /// <summary>Seconds since each enabled source's last successful poll.</summary>
    public IReadOnlyList<(string Source, double Seconds)> CursorAges { get; init; } = [];

    /// <summary>
    /// Each backing-off enabled source, seconds until it may call again, and the limit it waits on: the shared scope's key
    /// (<c>meta-account:…</c>, <c>meta-app:…</c>, a token digest) when another source's throttle holds it, else <c>source</c>.
    /// </summary>
    public IReadOnlyList<(string Source, double Seconds, string Limit)> Backoffs { get; init; } = [];

    /// <summary>Open, unacknowledged alerts per team, and how many of them are past their acknowledgement target.</summary>
    public IReadOnlyList<(string Team, long Awaiting, long PastTarget)> Alerts { get; init; } = [];

    public long? FoiCasesDueSoon { get; init; }

    public long? FoiCasesOverdue { get; init; }

    public long? UnpublishedMentions { get; init; }

    /// <summary>Seconds since the oldest mention still without a verdict was stored; 0 when every one has one.</summary>
    public double? UnclassifiedAgeSeconds { get; init; }

    /// <summary>Ready messages and consumers of each queue.</summary>
    public IReadOnlyList<(string Queue, long Messages, long Consumers)> Queues { get; init; } = [];
}
