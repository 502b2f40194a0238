using System.Globalization;
using System.Text;
using MentionWatch.Triage;

namespace MentionWatch.Tests.Triage;

/// <summary>The normaliser's lower-casing of non-ASCII characters, which skips characters that have no lower case.</summary>
public sealed class TextNormalizerTests
{
    [Fact]
    public void Normalize_EveryPlainNonAsciiCharacter_LowersItAsToLowerInvariantDoes()
    {
        var checkedCount = 0;
        for (var c = (char)0x80; c < char.MaxValue; c++)
        {
            // Characters the normaliser drops, folds or maps for reasons other than case are not this test's concern.
            var s = c.ToString();
            if (char.IsWhiteSpace(c) || char.IsSurrogate(c) || !IsKdNormalized(s) || Special(c)
                || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format)
            {
                continue;
            }

            TextNormalizer.Normalize(s).ShouldBe(char.ToLowerInvariant(c).ToString(), $"U+{(int)c:X4}");
            checkedCount++;
        }

        checkedCount.ShouldBeGreaterThan(30_000);
    }

    [Theory]
    // Upper-case letters of other scripts are lowered; letters without case and emoji come through as they are.
    [InlineData("ΣΩ Дом", "σω дом")]
    [InlineData("ریوربینڈ", "ریوربینڈ")]
    [InlineData("Thanks 😂🙏", "thanks 😂🙏")]
    // Fullwidth and accented letters are folded first, then lowered; zero-width characters vanish.
    [InlineData("ＡＭＡＺＩＮＧ Łódź", "amazing łodz")]
    [InlineData("e\u200Bnd it", "end it")]
    public void Normalize_MixedScripts_LowersFoldsAndDrops(string text, string expected) =>
        TextNormalizer.Normalize(text).ShouldBe(expected);

    private static bool IsKdNormalized(string s)
    {
        try
        {
            return s.IsNormalized(NormalizationForm.FormKD);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool Special(char c) => c is '\u2019' or '\u2018' or '\u02BC' or '\u00B4' or '\u2032' or '\u200B' or '\u200C'
        or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD' or '\u180E' or '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB'
        or '\u2013' or '\u2014' or '\u2011' or '\u2012' or '\u2212';
}
