namespace MentionWatch.Triage;

/// <summary>Source-generated log messages of the triage feature.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Cannot read the register of official accounts; classifying with the last known register")]
    public static partial void RegisterUnreadable(ILogger logger, Exception exception);
}
