using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MentionWatch.Web.Pages.Foi;

/// <summary>
/// The address FOI reminders link to (<c>foi/cases/{id}</c>, see <c>FoiReminders</c>), sent on to the case page so a
/// reminder in the inbox opens its case.
/// </summary>
[Authorize(Roles = FoiAccess.Roles)]
public sealed class FoiCaseLinkModel : PageModel
{
    public IActionResult OnGet(long id) => RedirectToPage("Case", new { id });
}
