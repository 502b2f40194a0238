namespace MentionWatch.Alerts;

/// <summary>Source-generated log messages of classification and delivery. Never the post's text.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning,
        Message = "A batch of {Count} mention(s) could not be classified ({Reason}); trying them one at a time")]
    public static partial void BatchFailed(ILogger logger, Exception exception, int count, string reason);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning,
        Message = "Could not ask the channel whether delivery {Key} went ({Reason}); sending it again with the same id")]
    public static partial void DeliveryCheckFailed(ILogger logger, string key, string reason);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning,
        Message = "Delivery {Key} was cut off mid-send and the {Kind} channel cannot say whether it went; sending it again with the same id")]
    public static partial void DeliveryResent(ILogger logger, string key, string kind);
}
