namespace MentionWatch.Web;

/// <summary>The filters of the inbox (query string of the page and of <c>GET /api/alerts</c>); empty means any.</summary>
public sealed class InboxFilter
{
    public string? Team { get; set; }
    public string? Label { get; set; }
    public string? Platform { get; set; }
    public string? State { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
}
