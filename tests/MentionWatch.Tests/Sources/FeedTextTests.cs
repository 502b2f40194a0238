using System.Text.RegularExpressions;
using System.Xml.Linq;
using MentionWatch.Sources.Feeds;

namespace MentionWatch.Tests.Sources;

public sealed class FeedTextTests
{
    [Theory]
    // An inline element leaves nothing: no space before the punctuation after it.
    [InlineData("in <b>March</b>.", "in March.")]
    [InlineData("<a href=\"https://x.example/\">Northshire</a>, hospital", "Northshire, hospital")]
    // A block element or a line break separates words.
    [InlineData("<p>one</p><p>two</p>", " one  two ")]
    [InlineData("one<br/>two", "one two")]
    // A comment leaves nothing.
    [InlineData("A<!-- SC_OFF -->E", "AE")]
    // "<ab>" is not the inline <a>: a space, as for any tag not known to be inline.
    [InlineData("x<ab>y", "x y")]
    [InlineData("a < b and c > d", "a   d")]
    [InlineData("no tags", "no tags")]
    [InlineData("1 < 2", "1 < 2")]
    [InlineData("<<b>>", " >")]
    [InlineData("<>", " ")]
    [InlineData("", "")]
    public void StripTags_InlineTagsLeaveNothingOthersASpace_AnUnclosedAngleIsText(string value, string expected)
    {
        FeedText.StripTags(value).ShouldBe(expected);
    }

    [Fact]
    public void StripTags_RandomText_SameAsTheTagExpression()
    {
        // The expression it replaces, run by the engine that cannot backtrack: the same answer on any text.
        var tags = new Regex("<[^>]*>", RegexOptions.NonBacktracking);
        var random = new Random(14);
        for (var i = 0; i < 2_000; i++)
        {
            var value = new string([.. Enumerable.Range(0, random.Next(0, 40)).Select(_ => "<>ab /"[random.Next(6)])]);
            var expected = tags.Replace(value, m => FeedText.LeavesNothing(m.Value.AsSpan(1, m.Length - 2)) ? "" : " ");
            FeedText.StripTags(value).ShouldBe(expected, $"for '{value}'");
        }
    }

    [Fact]
    public void StripTags_HostileItemOfAMillionOpeningAngles_ReturnedWhole()
    {
        // The old expression tried each '<' to the end of the text: about 10^12 steps here, hours, not a pass.
        var hostile = string.Concat(Enumerable.Repeat("<a", 500_000)) + " help";

        FeedText.StripTags(hostile).ShouldBe(hostile);
        FeedText.StripTags(hostile + ">").ShouldBe(" ");
    }

    [Theory]
    // RFC 4287 §3.1.1.1: text is plain; the XML reader decoded its entities once and nothing more is done.
    [InlineData("<summary>A&amp;E: &lt;4 hours … &gt;12 hours</summary>", "A&E: <4 hours … >12 hours")]
    [InlineData("<summary type=\"text\">A&amp;amp;E</summary>", "A&amp;E")]
    // §3.1.1.2: html is escaped markup: stripped, then decoded.
    [InlineData("<summary type=\"html\">&lt;b&gt;Ward&lt;/b&gt; A&amp;amp;E</summary>", "Ward A&E")]
    // §3.1.1.3: xhtml is markup in a div.
    [InlineData("<summary type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>In <b>March</b>.</p><p>1 &lt; 2</p></div></summary>", "In March. 1 < 2")]
    public void Construct_AtomTextTypes_ReadAsTheTypeSays(string xml, string expected)
    {
        FeedText.Construct(XElement.Parse(xml)).ShouldBe(expected);
    }
}
