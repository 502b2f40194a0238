using Microsoft.Extensions.Logging;

namespace MentionWatch.Foi;

internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Information, "Bank holidays: read {Count} days from {Source}, {Added} not in the shipped table")]
    public static partial void BankHolidaysLoaded(ILogger logger, string source, int count, int added);

    [LoggerMessage(4002, LogLevel.Error, "Bank holidays: cannot use {Source} ({Reason}); the FOI clock runs on the shipped table only")]
    public static partial void BankHolidaysFailed(ILogger logger, Exception exception, string source, string reason);

    [LoggerMessage(4003, LogLevel.Information, "FOI case {CaseId} opened for mention {MentionId}, due {DueDate}")]
    public static partial void CaseOpened(ILogger logger, long caseId, long? mentionId, DateOnly dueDate);

    [LoggerMessage(4004, LogLevel.Information, "FOI case {CaseId}: {FromState} -> {ToState} by {Actor}")]
    public static partial void CaseTransitioned(ILogger logger, long caseId, string fromState, string toState, string actor);

    [LoggerMessage(4005, LogLevel.Information, "FOI reminders: raised {Count} for team {Team}")]
    public static partial void RemindersRaised(ILogger logger, int count, string team);

    [LoggerMessage(4006, LogLevel.Warning, "FOI reminder {Subject} could not be raised; the next run retries")]
    public static partial void ReminderFailed(ILogger logger, Exception exception, string subject);
}
