using System.Globalization;
using System.Net;

namespace MentionWatch.Alerts;

/// <summary>
/// The signed acknowledgement link's pages. GET only shows a confirmation page, because mail scanners and link
/// previews fetch every link in a message; only the POST from that page acknowledges.
/// </summary>
public static class AcknowledgeEndpoints
{
    public const string Path = "/alerts/{id:long}/acknowledge";

    public static IEndpointRouteBuilder MapAlertAcknowledgement(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (long id, long expires, string? signature, AcknowledgeLinks links) =>
            links.IsValid(id, expires, signature)
                ? Page(HttpStatusCode.OK, "Acknowledge alert",
                    $"""
                    <p>Acknowledge alert #{id}? This tells MentionWatch and your team that you have seen it and are dealing with it.</p>
                    <form method="post">
                      <input type="hidden" name="expires" value="{expires}">
                      <input type="hidden" name="signature" value="{WebUtility.HtmlEncode(signature)}">
                      <label>Your name <input name="name" maxlength="100" required></label>
                      <button type="submit">Acknowledge</button>
                    </form>
                    """)
                : Invalid());

        endpoints.MapPost(Path, async (long id, HttpRequest request, AcknowledgeLinks links, AlertAcknowledgement acknowledgement, CancellationToken ct) =>
        {
            var form = await request.ReadFormAsync(ct);
            if (!long.TryParse(form["expires"], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
                || !links.IsValid(id, expires, form["signature"])) return Invalid();
            var name = form["name"].ToString().Trim();
            var actor = name.Length == 0 ? "signed link" : $"{(name.Length > 100 ? name[..100] : name)} (signed link)";
            var outcome = await acknowledgement.AcknowledgeAsync(id, actor, "signed link", ct);
            if (!outcome.Found) return Page(HttpStatusCode.NotFound, "Alert not found", "<p>This alert no longer exists.</p>");
            return outcome.Acknowledged
                ? Page(HttpStatusCode.OK, "Acknowledged", $"<p>Alert #{id} is acknowledged. Thank you.</p>")
                : Page(HttpStatusCode.OK, "Already acknowledged",
                    $"<p>Alert #{id} was already acknowledged by {WebUtility.HtmlEncode(outcome.By)} at {outcome.At:yyyy-MM-dd HH:mm} UTC.</p>");
        });
        return endpoints;
    }

    private static IResult Invalid() => Page(HttpStatusCode.Forbidden, "Link not valid",
        "<p>This acknowledgement link has expired or is not valid. Open MentionWatch to acknowledge the alert.</p>");

    private static IResult Page(HttpStatusCode status, string title, string body) => Results.Content(
        $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>{title} — MentionWatch</title></head>
        <body><h1>{title}</h1>{body}</body></html>
        """, "text/html; charset=utf-8", statusCode: (int)status);
}
