using Microsoft.Extensions.Logging;

namespace MentionWatch.Foi;

/// <summary>
/// Merges an operator's GOV.UK <c>bank-holidays.json</c> (file or URL) into the shipped table at service start.
/// </summary>
/// <remarks>
/// The shipped table is always a safe answer: a missing file, a dead URL or a malformed download is logged as an
/// error naming the source and the reason, and the service starts on the shipped table rather than not at all —
/// stopping the FOI clock is worse than missing a one-off day an operator can still add and restart for.
/// </remarks>
public static class BankHolidaysLoader
{
    /// <summary>The shipped table plus the days read from <paramref name="source"/>; never throws for a bad source.</summary>
    public static async Task<UkBankHolidays> LoadAsync(string? source, HttpClient http, ILogger logger, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return UkBankHolidays.Published;
        }

        try
        {
            var announced = IsHttp(source, out var uri)
                ? await GovUkBankHolidaysJson.LoadAsync(uri, http, ct)
                : await GovUkBankHolidaysJson.LoadFileAsync(source, ct);
            var merged = UkBankHolidays.Published.WithAnnounced(announced);
            var added = announced.Count(h => !UkBankHolidays.Published.IsBankHoliday(h.Date, h.Division));
            Log.BankHolidaysLoaded(logger, source, announced.Count, added);
            return merged;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or HttpRequestException or FormatException
                                   || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // OperationCanceledException without our own cancellation is HttpClient's timeout.
            Log.BankHolidaysFailed(logger, ex, source, ex.Message);
            return UkBankHolidays.Published;
        }
    }

    private static bool IsHttp(string source, out Uri uri) =>
        Uri.TryCreate(source, UriKind.Absolute, out uri!) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
