using System.Globalization;

namespace MentionWatch.Foi;

/// <summary>Writes FOI cases as RFC 4180 CSV for the FOI team's returns and spreadsheets.</summary>
/// <remarks>
/// Free text (requester, summary, extension reason) is quoted, and a leading <c>= + - @</c> is neutralised with an
/// apostrophe so a spreadsheet never runs a request's text as a formula.
/// </remarks>
public static class FoiCaseCsv
{
    public const string Header =
        "case_id,mention_id,received_at,received_on,due_date,original_due_date,state,working_days_left,overdue,"
        + "extension_working_days,extension_reason,responded_on,responded_on_time,working_days_to_respond,requester,summary";

    public static async Task WriteAsync(IEnumerable<FoiCaseStatus> cases, TextWriter output, CancellationToken ct)
    {
        await output.WriteLineAsync(Header.AsMemory(), ct);
        foreach (var s in cases)
        {
            var c = s.Case;
            string[] fields =
            [
                c.Id.ToString(CultureInfo.InvariantCulture),
                c.MentionId?.ToString(CultureInfo.InvariantCulture) ?? "",
                c.ReceivedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                Date(c.ReceivedOn),
                Date(c.DueDate),
                Date(c.OriginalDueDate),
                FoiCaseStates.ToText(c.State),
                s.WorkingDaysLeft?.ToString(CultureInfo.InvariantCulture) ?? "",
                s.IsOverdue ? "true" : "false",
                c.ExtensionWorkingDays?.ToString(CultureInfo.InvariantCulture) ?? "",
                Text(c.ExtensionReason),
                c.RespondedOn is { } on ? Date(on) : "",
                c.RespondedOnTime switch { true => "true", false => "false", null => "" },
                c.WorkingDaysToRespond?.ToString(CultureInfo.InvariantCulture) ?? "",
                Text(c.Requester),
                Text(c.Summary),
            ];
            await output.WriteLineAsync(string.Join(',', fields).AsMemory(), ct);
        }
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
