namespace MentionWatch.Sources;

internal static partial class Log
{
    [LoggerMessage(1601, LogLevel.Information, "Feed on {Host}: item {ExternalId} has no readable date; stored with the time it was first seen")]
    public static partial void Undated(ILogger logger, string host, string externalId);
}
