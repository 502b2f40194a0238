using System.Globalization;
using System.Net;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using MimeKit;
using MimeKit.Text;

namespace MentionWatch.Alerts.Channels;

/// <summary>
/// Builds an alert email with MimeKit: <c>multipart/alternative</c> with a plain and an HTML part, each UTF-8 and
/// base64 (MimeKit encodes the headers and MailKit dot-stuffs the data). Every value in the HTML is HTML-encoded, and
/// only http(s) links become <c>href</c>s.
/// </summary>
internal static class EmailContent
{
    public static MimeMessage Build(
        AlertMessage message, MailAddress from, IReadOnlyList<MailAddress> to, string idempotencyKey, DateTimeOffset now)
    {
        var mime = new MimeMessage
        {
            Subject = message.Headline,
            Date = now.ToUniversalTime(),

            // A stable Message-ID per delivery lets mail systems drop the copy a retry may send.
            MessageId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32] + "@mentionwatch.invalid",
            Body = new MultipartAlternative { Part(TextFormat.Plain, PlainBody(message)), Part(TextFormat.Html, HtmlBody(message)) },
        };
        mime.From.Add(Mailbox(from));
        mime.To.AddRange(to.Select(Mailbox));
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        mime.Headers.Add("X-MentionWatch-Alert-Id", message.AlertId.ToString(CultureInfo.InvariantCulture));
        if (message.Urgent)
        {
            mime.Importance = MessageImportance.High;
            mime.XPriority = XMessagePriority.Highest;
        }

        return mime;
    }

    public static string PlainBody(AlertMessage message)
    {
        var text = new StringBuilder();
        text.AppendLine(message.Headline).AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Team: {message.Team}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Labels: {string.Join(", ", message.Labels)}");
        if (message.Posted is { } posted) text.AppendLine(CultureInfo.InvariantCulture, $"Posted: {posted}");
        List(text, "Why", message.Reasons);
        List(text, "What to do", message.Instructions);
        if (message.Excerpt is not null)
        {
            text.AppendLine().AppendLine("Excerpt:").AppendLine(message.Excerpt);
        }

        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Open in MentionWatch: {message.Link}");
        if (message.AcknowledgeLink is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Acknowledge: {message.AcknowledgeLink}");
        }

        if (message.PostUrl is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Original post: {message.PostUrl}");
        }

        return text.ToString();
    }

    public static string HtmlBody(AlertMessage message)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body style=\"font-family:Arial,sans-serif\">\n");
        var colour = message.Urgent ? "#d5281b" : "#005eb8";
        html.Append(CultureInfo.InvariantCulture, $"<h2 style=\"color:{colour}\">{E(message.Headline)}</h2>\n<table>\n");
        Row(html, "Team", message.Team);
        Row(html, "Labels", string.Join(", ", message.Labels));
        if (message.Posted is { } posted) Row(html, "Posted", posted);
        html.Append("</table>\n");
        HtmlList(html, "Why", message.Reasons, message.Urgent);
        HtmlList(html, "What to do", message.Instructions, message.Urgent);
        if (message.Excerpt is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<blockquote style=\"border-left:4px solid #aeb7bd;padding-left:8px\">{E(message.Excerpt)}</blockquote>\n");
        }

        html.Append("<p>");
        Link(html, "Open in MentionWatch", message.Link);
        Link(html, "Acknowledge", message.AcknowledgeLink);
        Link(html, "Original post", message.PostUrl);
        html.Append("</p>\n</body></html>\n");
        return html.ToString();
    }

    private static MailboxAddress Mailbox(MailAddress address) => new(address.DisplayName, address.Address);

    private static TextPart Part(TextFormat format, string content)
    {
        // Base64 keeps every body line short and 7-bit, whatever the post's text holds.
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.Base64 };
        part.SetText(Encoding.UTF8, content);
        return part;
    }

    private static void List(StringBuilder text, string heading, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        text.AppendLine().AppendLine(heading + ":");
        foreach (var item in items)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - {item}");
        }
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">{E(name)}</th><td>{E(value)}</td></tr>\n");

    private static void HtmlList(StringBuilder html, string heading, IReadOnlyList<string> items, bool urgent)
    {
        if (items.Count == 0)
        {
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<h3>{E(heading)}</h3>\n<ul>\n");
        foreach (var item in items)
        {
            html.Append(urgent && item.Contains("999", StringComparison.Ordinal)
                ? $"<li><strong style=\"color:#d5281b\">{E(item)}</strong></li>\n"
                : $"<li>{E(item)}</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static void Link(StringBuilder html, string title, string? url)
    {
        if (url is null)
        {
            return;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"{E(uri.AbsoluteUri)}\">{E(title)}</a><br>\n");
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"{E(title)}: {E(url)}<br>\n");
        }
    }
}
