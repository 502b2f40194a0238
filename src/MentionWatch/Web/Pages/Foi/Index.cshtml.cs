using System.Globalization;
using System.Text;
using MentionWatch.Foi;
using MentionWatch.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MentionWatch.Web.Pages.Foi;

/// <summary>
/// The FOI team's board: cases by working days left (overdue first, in red and in words), the on-time figures the
/// ICO monitors for a date range, that range as CSV, and a form to open a case for a request that came another way.
/// </summary>
[Authorize(Roles = FoiAccess.Roles)]
public sealed class FoiBoardModel(FoiCaseService cases, FoiClock clock, AuditTrail audit, TimeProvider time, UkTime ukTime) : PageModel
{
    public const int MaxRequesterLength = 200;
    public const int MaxSummaryLength = 2000;

    /// <summary>Show responded, closed and withdrawn cases too.</summary>
    [BindProperty(SupportsGet = true)] public bool All { get; set; }

    /// <summary>First day (UK) of the figures' range; defaults to a year before <see cref="To"/>.</summary>
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }

    /// <summary>Last day (UK) of the figures' range, inclusive; defaults to today.</summary>
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public IReadOnlyList<FoiCaseStatus> Cases { get; private set; } = [];
    public FoiFigures? Figures { get; private set; }
    public string? RangeError { get; private set; }
    public DateOnly Today { get; private set; }
    [TempData] public string? Message { get; set; }
    [TempData] public string? Error { get; set; }

    public DateOnly RangeFrom => From ?? RangeTo.AddYears(-1).AddDays(1);
    public DateOnly RangeTo => To ?? Today;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = clock.Today(time);
        Cases = await cases.ListAsync(All, ct);
        if (RangeTo < RangeFrom)
        {
            RangeError = "The range ends before it starts.";
            return;
        }

        Figures = await cases.FiguresAsync(RangeFrom, RangeTo, ct);
    }

    /// <summary>Every case received in the range as CSV (for the FOI team's returns); audited, as it holds requesters' names.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        Today = clock.Today(time);
        if (RangeTo < RangeFrom) return BadRequest();
        var csv = new StringWriter(CultureInfo.InvariantCulture);
        await cases.WriteCsvAsync(RangeFrom, RangeTo, csv, ct);
        var range = $"{RangeFrom:yyyy-MM-dd} to {RangeTo:yyyy-MM-dd}";
        await audit.RecordAsync(User, "foi_case.exported", "foi_case", null, range, ct);
        // The byte-order mark makes Excel read the file as UTF-8.
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"foi-cases-{RangeFrom:yyyy-MM-dd}-to-{RangeTo:yyyy-MM-dd}.csv");
    }

    /// <summary>Opens a case for a request that came by email, letter or phone; the clock runs from when it was received.</summary>
    public async Task<IActionResult> OnPostOpenAsync(string? receivedAt, string? requester, string? summary, CancellationToken ct)
    {
        if (!ukTime.TryParseLocal(receivedAt, out var received))
        {
            Error = "Give the date and time the request was received (UK time).";
        }
        else if (string.IsNullOrWhiteSpace(requester) || requester.Length > MaxRequesterLength)
        {
            Error = $"Give the requester (up to {MaxRequesterLength} characters).";
        }
        else if (string.IsNullOrWhiteSpace(summary) || summary.Length > MaxSummaryLength)
        {
            Error = $"Say what was asked (up to {MaxSummaryLength} characters).";
        }
        else
        {
            try
            {
                var opened = await cases.OpenAsync(
                    new FoiCaseOpening { ReceivedAt = received, Requester = requester, Summary = summary, Actor = User.Actor() }, ct);
                Message = $"FOI case {opened.Id} opened: due {FoiDisplay.Date(opened.DueDate)}.";
                return RedirectToPage("Case", new { id = opened.Id });
            }
            catch (FoiTransitionException e)
            {
                Error = e.Message;
            }
        }

        return RedirectToPage();
    }
}
