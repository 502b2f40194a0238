using System.Globalization;
using System.Net;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;

namespace MentionWatch.Alerts.Channels;

/// <summary>
/// Builds the MIME text of an alert email: <c>multipart/alternative</c> with a plain and an HTML part, each UTF-8
/// and base64 (so no line of the body can be read as SMTP's end of data). Every value in the HTML is HTML-encoded,
/// and only http(s) links become <c>href</c>s.
/// </summary>
internal static class EmailContent
{
    public static string Build(
        AlertMessage message, MailAddress from, IReadOnlyList<MailAddress> to, string idempotencyKey, DateTimeOffset now)
    {
        var boundary = "=_mw_" + Guid.NewGuid().ToString("N");
        var text = new StringBuilder();
        Header(text, "From", Mailbox(from));
        Header(text, "To", string.Join(", ", to.Select(Mailbox)));
        Header(text, "Subject", EncodeHeaderText(message.Headline));
        Header(text, "Date", now.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));

        // A stable Message-ID per delivery lets mail systems drop the copy a retry may send.
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32];
        Header(text, "Message-ID", $"<{id}@mentionwatch.invalid>");
        Header(text, "MIME-Version", "1.0");
        Header(text, "Auto-Submitted", "auto-generated");
        Header(text, "X-MentionWatch-Alert-Id", message.AlertId.ToString(CultureInfo.InvariantCulture));
        if (message.Urgent)
        {
            Header(text, "Importance", "high");
            Header(text, "X-Priority", "1");
        }

        Header(text, "Content-Type", $"multipart/alternative; boundary=\"{boundary}\"");
        text.Append("\r\n");
        Part(text, boundary, "text/plain", PlainBody(message));
        Part(text, boundary, "text/html", HtmlBody(message));
        text.Append("--").Append(boundary).Append("--\r\n");
        return text.ToString();
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

    /// <summary>RFC 2047 encoded words when the text is not plain printable ASCII; also removes any line break.</summary>
    internal static string EncodeHeaderText(string value)
    {
        if (value.All(c => c is >= ' ' and <= '~'))
        {
            return value;
        }

        var words = new List<string>();
        var chunk = new StringBuilder();
        foreach (var rune in value.EnumerateRunes())
        {
            // 45 bytes of UTF-8 make 60 base64 characters: each encoded word stays under the 75-character limit.
            if (Encoding.UTF8.GetByteCount(chunk.ToString()) + rune.Utf8SequenceLength > 45)
            {
                words.Add(Word(chunk.ToString()));
                chunk.Clear();
            }

            chunk.Append(rune.ToString());
        }

        if (chunk.Length > 0)
        {
            words.Add(Word(chunk.ToString()));
        }

        return string.Join("\r\n ", words);

        static string Word(string s) => $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(s))}?=";
    }

    private static string Mailbox(MailAddress address) =>
        string.IsNullOrEmpty(address.DisplayName)
            ? $"<{address.Address}>"
            : $"{EncodeHeaderText(address.DisplayName).Replace("\"", string.Empty, StringComparison.Ordinal)} <{address.Address}>";

    private static void Header(StringBuilder text, string name, string value) => text.Append(name).Append(": ").Append(value).Append("\r\n");

    private static void Part(StringBuilder text, string boundary, string mediaType, string content)
    {
        text.Append("--").Append(boundary).Append("\r\n");
        Header(text, "Content-Type", $"{mediaType}; charset=utf-8");
        Header(text, "Content-Transfer-Encoding", "base64");
        text.Append("\r\n");
        text.Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(content), Base64FormattingOptions.InsertLineBreaks));
        text.Append("\r\n");
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
