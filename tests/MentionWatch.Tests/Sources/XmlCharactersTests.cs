using System.Xml.Linq;
using MentionWatch.Sources.Http;

namespace MentionWatch.Tests.Sources;

public sealed class XmlCharactersTests
{
    [Theory]
    // A raw control character (an ANSI escape pasted into a title).
    [InlineData("<t>a\u001Bb</t>", "a\uFFFDb")]
    // Character references to characters XML forbids: NUL, a control, a lone surrogate.
    [InlineData("<t>&#x0;&#1;&#xD83D;</t>", "\uFFFD\uFFFD\uFFFD")]
    // Allowed references and a surrogate pair are left alone.
    [InlineData("<t>&#x41;&#9;&#x1F600;\U0001F600&amp;#x0;</t>", "A\t\U0001F600\U0001F600&#x0;")]
    // U+FFFE is not an XML character either.
    [InlineData("<t>&#xFFFE;</t>", "\uFFFD")]
    public void Clean_InvalidCharacters_BecomeReplacementCharactersAndTheDocumentParses(string xml, string text)
    {
        XDocument.Parse(XmlCharacters.Clean(xml)).Root!.Value.ShouldBe(text);
    }

    [Fact]
    public void Clean_WellFormedFeed_ReturnedUnchanged()
    {
        const string xml = "<rss><channel><item><title>Northshire &amp; the ward</title></item></channel></rss>";

        XmlCharacters.Clean(xml).ShouldBeSameAs(xml);
    }
}
