using System.Text;
using MentionWatch.Mentions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MentionWatch.Web.Pages.Admin;

/// <summary>Subject access: everything held about one author handle, downloaded as JSON; each export is audited.</summary>
public sealed class ExportModel(SubjectAccessExport export, AuditTrail audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? handle, string? platform, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(handle)) return BadRequest();
        var json = await export.ExportAsync(handle, string.IsNullOrWhiteSpace(platform) ? null : platform.Trim(), ct);
        await audit.RecordAsync(User, "subject_access.exported", "author", handle, platform, ct);
        var safe = new string(handle.Where(char.IsAsciiLetterOrDigit).ToArray());
        return File(Encoding.UTF8.GetBytes(json), "application/json", $"subject-access-{safe}.json");
    }
}
