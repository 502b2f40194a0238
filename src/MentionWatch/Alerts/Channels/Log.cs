using Microsoft.Extensions.Logging;

namespace MentionWatch.Alerts.Channels;

/// <summary>Source-generated log messages of the alert channels. Never the post's text or the message body.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug,
        Message = "Alert {AlertId} (mention {MentionId}) handed to {Kind}")]
    public static partial void AlertHandedOver(ILogger logger, long alertId, long? mentionId, string kind);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Error,
        Message = "SMTP server {Host}:{Port} did not offer STARTTLS; alert {AlertId} was not sent (UseStartTls is on)")]
    public static partial void StartTlsNotOffered(ILogger logger, string host, int port, long alertId);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Debug, Message = "SMTP connection to {Host}:{Port} upgraded to TLS")]
    public static partial void StartTlsUpgraded(ILogger logger, string host, int port);
}
