using System.Diagnostics.Metrics;

namespace MentionWatch.Metrics;

/// <summary>
/// The service's own metrics, on one <see cref="Meter"/> named <c>MentionWatch</c> (exported at <c>/metrics</c>).
/// Counters and histograms are recorded by the code paths they describe; gauges read <see cref="IGaugeReadings"/>
/// (counts from PostgreSQL and the broker, cached) when the host registers one.
/// </summary>
/// <remarks>
/// Privacy: every tag is a name from configuration — a source id, a channel kind, a team, a queue — never a post, an
/// author, an address or an id of a person's record, so the endpoint holds counts and timings only.
/// </remarks>
public sealed class MentionWatchMetrics
{
    public const string MeterName = "MentionWatch";

    /// <summary>From a second to a day: a post polled at once, one caught on a five-minute poll, one found in a backfill.</summary>
    private static readonly IReadOnlyList<double> LatencyBuckets = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 86400];

    private readonly Counter<long> _fetched;
    private readonly Counter<long> _stored;
    private readonly Counter<long> _quarantined;
    private readonly Counter<long> _pollsFailed;
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _deliveriesSent;
    private readonly Counter<long> _deliveriesFailed;
    private readonly Histogram<double> _postedToRaised;
    private readonly Histogram<double> _storedToRaised;

    public MentionWatchMetrics(IMeterFactory meterFactory, IEnumerable<IGaugeReadings> gaugeReadings)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _fetched = meter.CreateCounter<long>("mentionwatch.source.mentions.fetched", "{mention}", "Items a source's poll read, new or already stored.");
        _stored = meter.CreateCounter<long>("mentionwatch.source.mentions.stored", "{mention}", "New mentions a source's poll stored.");
        _quarantined = meter.CreateCounter<long>("mentionwatch.source.mentions.quarantined", "{item}", "Items or pages a source returned that could not be read (kept in quarantine).");
        _pollsFailed = meter.CreateCounter<long>("mentionwatch.source.polls.failed", "{poll}", "Polls of a source that failed or were throttled.");
        _throttled = meter.CreateCounter<long>("mentionwatch.source.polls.throttled", "{poll}",
            "Polls of a source the platform throttled, or held back by a limit it shares, tagged with whose limit (source, token, account, app).");
        _deliveriesSent = meter.CreateCounter<long>("mentionwatch.deliveries.sent", "{delivery}", "Alert deliveries a channel accepted.");
        _deliveriesFailed = meter.CreateCounter<long>("mentionwatch.deliveries.failed", "{delivery}", "Alert delivery attempts that failed or were cut off (each is retried, then falls back).");
        var latency = new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets };
        _postedToRaised = meter.CreateHistogram("mentionwatch.alert.posted_to_raised", "s", "From a post's publication on its platform to its first alert.", advice: latency);
        _storedToRaised = meter.CreateHistogram("mentionwatch.alert.stored_to_raised", "s", "From a mention's storing (first seen) to its first alert.", advice: latency);

        if (gaugeReadings.FirstOrDefault() is { } readings)
        {
            ObserveGauges(meter, readings);
        }
    }

    /// <summary>One page of a poll: items read, new mentions stored, items quarantined.</summary>
    public void PageFetched(string source, int fetched, int stored, int quarantined)
    {
        var tag = new KeyValuePair<string, object?>("source", source);
        _fetched.Add(fetched, tag);
        _stored.Add(stored, tag);
        if (quarantined > 0) _quarantined.Add(quarantined, tag);
    }

    public void PollFailed(string source) => _pollsFailed.Add(1, new KeyValuePair<string, object?>("source", source));

    /// <summary>A poll throttled on <paramref name="limit"/> (the source's own, or its token's, account's or app's, shared).</summary>
    public void Throttled(string source, Sources.Http.LimitScope limit) => _throttled.Add(1,
        new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("limit", limit.ToString().ToLowerInvariant()));

    public void DeliverySent(string channel) => _deliveriesSent.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void DeliveryFailed(string channel) => _deliveriesFailed.Add(1, new KeyValuePair<string, object?>("channel", channel));

    /// <summary>A mention's first alert, raised at <paramref name="raisedAt"/> (one per mention, however many teams).</summary>
    public void AlertRaised(string source, DateTimeOffset postedAt, DateTimeOffset storedAt, DateTimeOffset raisedAt)
    {
        var tag = new KeyValuePair<string, object?>("source", source);
        _postedToRaised.Record(Math.Max(0, (raisedAt - postedAt).TotalSeconds), tag);
        _storedToRaised.Record(Math.Max(0, (raisedAt - storedAt).TotalSeconds), tag);
    }

    private static void ObserveGauges(Meter meter, IGaugeReadings readings)
    {
        meter.CreateObservableGauge("mentionwatch.source.cursor.age",
            () => readings.Current().CursorAges.Select(a => new Measurement<double>(a.Seconds, new KeyValuePair<string, object?>("source", a.Source))),
            "s", "Time since the source's last successful poll stored its cursor.");
        meter.CreateObservableGauge("mentionwatch.source.backoff.remaining",
            () => readings.Current().Backoffs.Select(b => new Measurement<double>(b.Seconds,
                new KeyValuePair<string, object?>("source", b.Source), new KeyValuePair<string, object?>("limit", b.Limit))),
            "s", "Time until a throttled source may call its platform again; limit names the shared limit (a Meta Page, app or token digest, a YouTube key digest) or 'source'.");
        meter.CreateObservableGauge("mentionwatch.alerts.awaiting_acknowledgement",
            () => readings.Current().Alerts.Select(a => new Measurement<long>(a.Awaiting, new KeyValuePair<string, object?>("team", a.Team))),
            "{alert}", "Open alerts not yet acknowledged.");
        meter.CreateObservableGauge("mentionwatch.alerts.past_target",
            () => readings.Current().Alerts.Select(a => new Measurement<long>(a.PastTarget, new KeyValuePair<string, object?>("team", a.Team))),
            "{alert}", "Open alerts not acknowledged by their acknowledgement target.");
        meter.CreateObservableGauge("mentionwatch.foi.cases.due_within_5_working_days",
            () => Single(readings.Current().FoiCasesDueSoon),
            "{case}", "FOI cases with the clock running, due today or within the next 5 working days.");
        meter.CreateObservableGauge("mentionwatch.foi.cases.overdue",
            () => Single(readings.Current().FoiCasesOverdue),
            "{case}", "FOI cases with the clock running, past their due date.");
        meter.CreateObservableGauge("mentionwatch.mentions.unpublished",
            () => Single(readings.Current().UnpublishedMentions),
            "{mention}", "Stored mentions not yet handed to the broker (the sweeper publishes them).");
        meter.CreateObservableGauge("mentionwatch.mentions.unclassified.age",
            () => Single(readings.Current().UnclassifiedAgeSeconds),
            "s", "Consumer lag: seconds since the oldest mention still waiting for its verdict was stored (0 when none waits).");
        meter.CreateObservableGauge("mentionwatch.queue.messages",
            () => readings.Current().Queues.Select(q => new Measurement<long>(q.Messages, new KeyValuePair<string, object?>("queue", q.Queue))),
            "{message}", "Messages ready in each of the service's queues and their error queues.");
        meter.CreateObservableGauge("mentionwatch.queue.consumers",
            () => readings.Current().Queues.Select(q => new Measurement<long>(q.Consumers, new KeyValuePair<string, object?>("queue", q.Queue))),
            "{consumer}", "Consumers attached to each of the service's queues.");
    }

    private static IEnumerable<Measurement<long>> Single(long? value) => value is { } v ? [new Measurement<long>(v)] : [];

    private static IEnumerable<Measurement<double>> Single(double? value) => value is { } v ? [new Measurement<double>(v)] : [];
}
