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

    /// <summary>
    /// A setting's value as shown: anything that may be a credential is never sent to the browser — settings named
    /// like one, and addresses carrying a user and password or a query string (API keys often travel there).
    /// </summary>
    public static string Shown(string key, string value)
    {
        if (value.Length == 0) return "(not set)";
        if (SecretWords.Any(w => key.Contains(w, StringComparison.OrdinalIgnoreCase))) return "(set, hidden)";
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && !uri.IsFile && (uri.UserInfo.Length > 0 || uri.Query.Length > 0))
        {
            return uri.GetLeftPart(UriPartial.Path).Replace(uri.UserInfo + "@", "", StringComparison.Ordinal) + " (credentials hidden)";
        }

        return value;
    }
}
