namespace MentionWatch.Alerts;

/// <summary>Source-generated log messages of classification. Never the post's text.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning,
        Message = "A batch of {Count} mention(s) could not be classified ({Reason}); trying them one at a time")]
    public static partial void BatchFailed(ILogger logger, Exception exception, int count, string reason);
}
