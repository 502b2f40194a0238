using MentionWatch.Persistence;
using MentionWatch.Time;
using MentionWatch.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MentionWatch.Web.Pages;

/// <summary>The alerts routed to the person's teams: urgent open ones first, then newest, with filters and counts.</summary>
public sealed class InboxModel(MentionWatchDb db, TrustTime local) : PageModel
{
    [BindProperty(SupportsGet = true)] public InboxFilter Filter { get; set; } = new();
    public IReadOnlyList<InboxRow> Rows { get; private set; } = [];
    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();
    public IReadOnlyList<string> Teams { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var visibility = Visibility.For(User);
        Teams = visibility.All ? Roles.Teams.Values.SelectMany(t => t).Distinct().Order().ToList() : visibility.Teams;
        Rows = await InboxQuery.ListAsync(db, visibility, Filter, local, ct);
        Counts = await InboxQuery.CountByStateAsync(db, visibility, Filter, local, ct);
    }
}
