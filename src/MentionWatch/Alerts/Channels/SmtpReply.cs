namespace MentionWatch.Alerts.Channels;

/// <summary>One SMTP reply: the three-digit code and the text of each line.</summary>
internal readonly record struct SmtpReply(int Code, IReadOnlyList<string> Lines)
{
    public bool IsTransientFailure => Code is >= 400 and < 500;

    public override string ToString() => $"{Code} {string.Join(" / ", Lines)}";
}
