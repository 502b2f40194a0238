using MentionWatch.Triage;

namespace MentionWatch.Tests.Triage;

/// <summary>Fake-account evasion: characters that do not show, slipped into a copy of an official handle.</summary>
public sealed class InvisibleHandleCharactersTests
{
    private static readonly LookalikeHandleDetector Detector = new(TestTrust.Profile);

    // Built in code: attribute strings cannot hold surrogate pairs of tag characters reliably.
    public static TheoryData<string> Disguised => new()
    {
        // Zero-width space, zero-width joiner and a byte-order mark.
        "Harbourside\u200BNHS\u200D\uFEFF",
        // Right-to-left override and pop directional formatting.
        "Harbourside\u202ENHS\u202C",
        // Word joiner and soft hyphen.
        "Harbour\u2060side\u00ADNHS",
        // Hangul filler and halfwidth Hangul filler: letters to Unicode, blank on screen.
        "Harbourside\u3164NHS\uFFA0",
        // Braille pattern blank: a symbol, blank on screen.
        "Harbourside\u2800NHS",
        // Unicode tag characters (U+E0020, U+E0041), which arrive as surrogate pairs.
        "Harbourside\uDB40\uDC20NHS\uDB40\uDC41",
        // Combining grapheme joiner and a variation selector.
        "Harbourside\u034FNHS\uFE0F",
        // Mongolian vowel separator.
        "Harbour\u180EsideNHS",
    };

    [Theory]
    [MemberData(nameof(Disguised))]
    public void Assess_OfficialHandleWithInvisibleCharacters_IsLookalike(string handle)
    {
        LookalikeHandleDetector.Skeleton(handle).ShouldBe(LookalikeHandleDetector.Skeleton("HarboursideNHS"));
        Detector.Assess(handle, platform: "x").Kind.ShouldBe(HandleKind.Lookalike);
    }

    [Fact]
    public void Skeleton_LoneSurrogate_DoesNotThrow()
    {
        LookalikeHandleDetector.Skeleton("Harbourside\uD800NHS").ShouldNotBeEmpty();
    }
}
