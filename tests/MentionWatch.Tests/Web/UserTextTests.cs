using System.Net;
using System.Text.Encodings.Web;
using MentionWatch.Web;

namespace MentionWatch.Tests.Web;

public sealed class UserTextTests
{
    [Theory]
    // Markup is text.
    [InlineData("<script>alert(1)</script>", UserTextKind.Text, "<script>alert(1)</script>")]
    // An override in a post is shown where it was, so the post reads as typed.
    [InlineData("notice \u202ESHN\u202C", UserTextKind.Text, "notice [U+202E]SHN[U+202C]")]
    // Isolates and embeddings too; a right-to-left mark is part of writing Arabic or Hebrew and stays.
    [InlineData("a\u2067b\u2069 \u202Bc\u200F", UserTextKind.Text, "a[U+2067]b[U+2069] [U+202B]c\u200F")]
    // A zero-width joiner inside an emoji sequence stays in a post.
    [InlineData("\U0001F468\u200D\U0001F469", UserTextKind.Text, "\U0001F468\u200D\U0001F469")]
    // Controls are marked everywhere, line breaks are not.
    [InlineData("a\u001B[2J\nb\u0007", UserTextKind.Text, "a[U+001B][2J\nb[U+0007]")]
    // In a handle every invisible character is marked: zero-width space, joiner, BOM.
    [InlineData("Riverbend\u200BNHS\u200D\uFEFF", UserTextKind.Identity, "Riverbend[U+200B]NHS[U+200D][U+FEFF]")]
    // Invisible letters and a Unicode tag character (outside the BMP).
    [InlineData("Riverbend\u3164NHS\u2800\U000E0020", UserTextKind.Identity, "Riverbend[U+3164]NHS[U+2800][U+E0020]")]
    // A no-break space makes "Riverbend NHS" look like the official display name.
    [InlineData("Riverbend\u00A0NHS", UserTextKind.Identity, "Riverbend[U+00A0]NHS")]
    // Ordinary handles, including non-Latin ones, are untouched.
    [InlineData("sam_patel", UserTextKind.Identity, "sam_patel")]
    [InlineData("مستشفى", UserTextKind.Identity, "مستشفى")]
    public void Html_Value_ShownAsExpectedInsideBdi(string value, UserTextKind kind, string shown)
    {
        var html = Render(value, kind, 1000);

        html.ShouldStartWith("<bdi class=\"user-text\"");
        html.ShouldEndWith("</bdi>");
        html.ShouldNotContain("<script");
        Visible(html).ShouldBe(shown);
    }

    [Fact]
    public void Html_MarkedCharacter_HasItsNameAsTooltip()
    {
        var html = WebUtility.HtmlDecode(Render("a\u200Bb", UserTextKind.Identity, 100));

        html.ShouldContain("<span class=\"hidden-char\" title=\"U+200B ZERO WIDTH SPACE: an invisible character that changes how this text looks or reads\">[U+200B]</span>");
        html.ShouldContain("data-hidden-chars=\"1\"");
    }

    [Fact]
    public void Html_LongerThanTheLimit_CutWithACountOfWhatWasLeftOut()
    {
        var html = Render(new string('a', 5_000_000), UserTextKind.Text, 2_000);

        html.Length.ShouldBeLessThan(3_000);
        Visible(html).ShouldBe(new string('a', 2_000) + "… (4,998,000 more characters not shown here; the whole text is kept in the stored evidence)");
    }

    [Fact]
    public void Html_CutBetweenTheHalvesOfAnEmoji_CutsBeforeIt()
    {
        var html = Render("ab\U0001F600cd", UserTextKind.Text, 3);

        Visible(html).ShouldStartWith("ab…");
        Visible(html).ShouldContain("(4 more characters");
    }

    [Fact]
    public void Html_NoValue_ShowsTheEmptyText()
    {
        Visible(Render(null, UserTextKind.Identity, 10, "Not known")).ShouldBe("Not known");
    }

    private static string Render(string? value, UserTextKind kind, int max, string empty = "")
    {
        using var writer = new StringWriter();
        UserText.Html(value, kind, max, empty).WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    // What a reader sees: tags dropped, entities decoded.
    private static string Visible(string html) =>
        WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", ""));
}
