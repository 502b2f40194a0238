namespace MentionWatch.Web;

/// <summary>One line of the inbox: an alert with the mention it is about.</summary>
public sealed record InboxRow(
    long AlertId,
    long MentionId,
    string Team,
    string[] Labels,
    bool Urgent,
    string State,
    bool HoldPublicReply,
    string? AssignedTo,
    DateTimeOffset RaisedAt,
    string Platform,
    string? AuthorHandle,
    string Text,
    DateTimeOffset PostedAt);
