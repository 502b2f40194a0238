using System.Net;
using System.Text;
using MentionWatch.Sources.Http;

namespace MentionWatch.Tests.Sources;

public sealed class CharsetsTests
{
    private const string Text = "£4 at Northshire Général";

    [Theory]
    // The prolog decides when HTTP says nothing (XML 1.0 §4.3.3): the ISO-8859-1 feed.
    [InlineData("iso-8859-1", "ISO-8859-1", null, false)]
    [InlineData("windows-1252", "windows-1252", null, false)]
    // No declaration, no charset, no mark: UTF-8.
    [InlineData("utf-8", null, null, false)]
    // An HTTP charset wins over the declaration (RFC 7303 §3.2)...
    [InlineData("iso-8859-1", "UTF-8", "ISO-8859-1", false)]
    // ...and a byte order mark wins over both.
    [InlineData("utf-8", "ISO-8859-1", "ISO-8859-1", true)]
    public void DecodeXml_EncodingFromMarkThenCharsetThenDeclaration_TextIntact(string actual, string? declared, string? charset, bool bom)
    {
        var prolog = declared is null ? "<?xml version=\"1.0\"?>" : $"<?xml version=\"1.0\" encoding=\"{declared}\"?>";
        var bytes = Charsets.Find(actual)!.GetBytes($"{prolog}<t>{Text}</t>");
        if (bom) bytes = [.. Encoding.UTF8.GetPreamble(), .. bytes];

        var xml = Charsets.DecodeXml(bytes, charset, out var problem);

        xml.ShouldEndWith($"<t>{Text}</t>");
        xml[0].ShouldBe('<');
        problem.ShouldBeNull();
    }

    [Fact]
    public void DecodeXml_Utf16WithoutMark_KnownByItsFirstBytes()
    {
        var bytes = Encoding.Unicode.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-16\"?><t>{Text}</t>");

        Charsets.DecodeXml(bytes, null, out _).ShouldEndWith($"<t>{Text}</t>");
    }

    [Fact]
    public void TryReadXml_Iso88591BytesWithNoHttpCharset_ReadAsTheDeclarationSays()
    {
        var body = Encoding.Latin1.GetBytes($"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>{Text}</title></channel></rss>");
        var response = new SourceResponse
        {
            Status = HttpStatusCode.OK,
            Body = Encoding.UTF8.GetString(body),
            Bytes = body,
            ContentType = "application/rss+xml",
            RequestUri = new Uri("https://news.example.org/feed.xml"),
        };

        response.TryReadXml(out var document, out var problem).ShouldBeTrue(problem);
        document.Root!.Element("channel")!.Element("title")!.Value.ShouldBe(Text);
    }
}
