using System.Net;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using MentionWatch.Mentions;

namespace MentionWatch.Sources.Http;

/// <summary>
/// A platform's answer, read into memory up to the size cap. The Try* readers say in words why a body cannot be
/// read (wrong content type, an HTML page, cut short, not JSON/XML, too big), which is what goes into quarantine.
/// </summary>
public sealed class SourceResponse
{
    public required HttpStatusCode Status { get; init; }
    public required string Body { get; init; }

    /// <summary>The body as received (up to the cap); XML is decoded from these, as its own declaration says.</summary>
    public ReadOnlyMemory<byte> Bytes { get; init; }
    public string? ContentType { get; init; }

    /// <summary>The <c>charset</c> parameter of the Content-Type, when the platform sent one.</summary>
    public string? Charset { get; init; }

    /// <summary>The body was longer than the cap; <see cref="Body"/> holds only its start.</summary>
    public bool TooLarge { get; init; }
    public int MaxBytes { get; init; }
    public required Uri RequestUri { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Parses a JSON body; on failure <paramref name="problem"/> says why.</summary>
    public bool TryReadJson(out JsonDocument document, out string problem)
    {
        document = null!;
        if (CommonProblem("JSON", ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true) is { } p)
        {
            problem = p;
            return false;
        }

        try
        {
            // An escaped half of a surrogate pair (an emoji cut in two) parses, but reading the string then throws, which
            // failed the whole poll, every poll: read it as U+FFFD, as the store would have written it.
            document = JsonDocument.Parse(StorageText.CleanJson(Body), new JsonDocumentOptions { MaxDepth = 128 });
            problem = "";
            return true;
        }
        catch (JsonException e)
        {
            problem = $"the body is not valid JSON (cut short or malformed): {e.Message}";
            return false;
        }
    }

    /// <summary>
    /// Parses an XML body (feeds) from its bytes, decoded as <see cref="Charsets.DecodeXml"/> says (a byte order mark,
    /// else the HTTP charset, else the XML declaration, else UTF-8); on failure <paramref name="problem"/> says why.
    /// </summary>
    public bool TryReadXml(out XDocument document, out string problem)
    {
        document = null!;
        string? encodingProblem = null;
        var xml = Bytes.IsEmpty ? Body : Charsets.DecodeXml(Bytes.Span, Charset, out encodingProblem);
        var start = xml.TrimStart();
        var looksXml = ContentType?.Contains("xml", StringComparison.OrdinalIgnoreCase) == true
                       || (ContentType?.Contains("html", StringComparison.OrdinalIgnoreCase) != true
                           && (start.StartsWith("<?xml", StringComparison.Ordinal) || start.StartsWith("<rss", StringComparison.Ordinal)
                               || start.StartsWith("<feed", StringComparison.Ordinal)));
        if (CommonProblem("XML", looksXml) is { } p)
        {
            problem = p;
            return false;
        }

        try
        {
            // Read from the decoded text: the reader then ignores the declaration's encoding, already applied above.
            // No DTDs: a feed has no use for them and they are the door to entity-expansion attacks.
            using var reader = XmlReader.Create(new StringReader(XmlCharacters.Clean(xml)), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
            problem = "";
            return true;
        }
        catch (XmlException e)
        {
            var because = encodingProblem is null ? "" : $" ({encodingProblem})";
            problem = $"the body is not well-formed XML (cut short or malformed){because}: {e.Message}";
            return false;
        }
    }

    /// <summary>A short, single-line excerpt of the body for error messages.</summary>
    public string Excerpt(int length = 200)
    {
        var flat = Body.ReplaceLineEndings(" ");
        return flat.Length <= length ? flat : flat[..length] + "…";
    }

    private string? CommonProblem(string expected, bool contentTypeFits)
    {
        if (TooLarge) return $"the response is larger than the {MaxBytes:N0}-byte cap";
        if (Body.Length == 0) return $"the response body is empty (expected {expected})";
        if (contentTypeFits) return null;
        var html = ContentType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true
                   || Body.TrimStart().StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
                   || Body.TrimStart().StartsWith("<html", StringComparison.OrdinalIgnoreCase);
        return html
            ? $"expected {expected} but got an HTML page (an error page, or a login page after a bad credential)"
            : $"expected {expected} but got content type '{ContentType ?? "none"}'";
    }
}
