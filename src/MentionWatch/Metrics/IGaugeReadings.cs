namespace MentionWatch.Metrics;

/// <summary>The figures behind <see cref="MentionWatchMetrics"/>' gauges: cheap counts, read at most every few seconds.</summary>
public interface IGaugeReadings
{
    /// <summary>The latest figures; re-read when older than the cache allows. Never throws: a figure that could not be read is absent.</summary>
    GaugeSnapshot Current();
}
