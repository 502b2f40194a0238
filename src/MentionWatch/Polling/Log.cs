namespace MentionWatch.Polling;

internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Source {Source}: stored {Count} new mentions")]
    public static partial void Stored(ILogger logger, string source, int count);

    [LoggerMessage(1002, LogLevel.Warning, "Source {Source}: quarantined an item: {Reason}")]
    public static partial void Quarantined(ILogger logger, string source, string reason);

    [LoggerMessage(1003, LogLevel.Warning, "Source {Source}: throttled until {Until}: {Reason}")]
    public static partial void Throttled(ILogger logger, string source, DateTimeOffset until, string reason);

    [LoggerMessage(1004, LogLevel.Error, "Source {Source}: poll failed; the next trigger retries")]
    public static partial void PollFailed(ILogger logger, Exception exception, string source);

    [LoggerMessage(1005, LogLevel.Warning, "Could not publish {Count} stored mentions; the sweeper will republish them")]
    public static partial void PublishFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(1006, LogLevel.Warning, "The message bus is not connected; {Count} stored mentions are left to the sweeper")]
    public static partial void BusNotReady(ILogger logger, int count);

    [LoggerMessage(1007, LogLevel.Warning, "Source {Source}: {Kind} incident opened: {Reason}")]
    public static partial void SourceIncident(ILogger logger, string source, string kind, string reason);

    [LoggerMessage(1008, LogLevel.Information, "Source {Source}: {Kind} incident closed, the source has recovered")]
    public static partial void SourceRecovered(ILogger logger, string source, string kind);

    [LoggerMessage(1009, LogLevel.Error, "Source {Source}: the stopped-source check failed; the next check retries")]
    public static partial void WatchFailed(ILogger logger, Exception exception, string source);
}
