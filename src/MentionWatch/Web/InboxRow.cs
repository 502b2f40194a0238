using MentionWatch.Alerts;

namespace MentionWatch.Web;

/// <summary>
/// One line of the inbox: an alert with the mention it is about, or a notice (an FOI reminder, a silent source…)
/// whose headline stands where a post's text would.
/// </summary>
public sealed record InboxRow(
    long AlertId,
    long? MentionId,
    string Kind,
    string Team,
    string[] Labels,
    bool Urgent,
    string State,
    bool HoldPublicReply,
    string? AssignedTo,
    DateTimeOffset RaisedAt,
    string? Platform,
    string? AuthorHandle,
    string Text,
    DateTimeOffset PostedAt,
    int EscalationLevel = 0,
    int Copies = 0)
{
    public bool IsNotice => Kind != AlertKinds.Mention;

    /// <summary>"shared or posted again 3 times": the copies that joined the post's story instead of alerting.</summary>
    public string? CopiesText => Copies switch
    {
        0 => null,
        1 => "shared or posted again once",
        _ => $"shared or posted again {Copies:N0} times",
    };

    /// <summary>Where the row leads: the mention page, or the notice's own page.</summary>
    public string Href => IsNotice || MentionId is null ? $"/alerts/{AlertId}" : $"/mentions/{MentionId}";

    /// <summary>The "no public reply until the action is agreed" mark: only posts can be replied to.</summary>
    public bool ShowHold => !IsNotice && HoldPublicReply && State != AlertStates.Closed;
}
