using MentionWatch.Persistence;
using MentionWatch.Polling;
using MentionWatch.Sources;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MentionWatch.Web.Pages.Admin;

/// <summary>Each configured source's health (from the <c>sources</c> table) beside its settings, secrets masked.</summary>
public sealed class SourcesModel(MentionWatchDb db, IOptions<PollingOptions> polling) : PageModel
{
    private static readonly string[] SecretWords = ["token", "secret", "password", "key", "credential", "auth"];

    public IReadOnlyList<(SourceSettings? Settings, SourceState? State, string Id)> Sources { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var states = await db.Sources.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var configured = polling.Value.Sources;
        Sources = configured.Select(c => ((SourceSettings?)c, states.GetValueOrDefault(c.Id), c.Id))
            .Concat(states.Values.Where(s => configured.All(c => c.Id != s.Id)).Select(s => ((SourceSettings?)null, (SourceState?)s, s.Id)))
            .OrderBy(s => s.Item3, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A setting's value as shown: anything that may be a credential is never sent to the browser.</summary>
    public static string Shown(string key, string value) =>
        SecretWords.Any(w => key.Contains(w, StringComparison.OrdinalIgnoreCase)) ? (value.Length == 0 ? "(not set)" : "(set, hidden)") : value;
}
