namespace MentionWatch.Sources;

internal static partial class Log
{
    // Debug: a feed lists the same undated item at every poll until it drops off; the stored evidence says it once.
    [LoggerMessage(1601, LogLevel.Debug, "Feed on {Host}: item {ExternalId} has no readable date; its posted time is the time it was first seen")]
    public static partial void Undated(ILogger logger, string host, string externalId);
}
