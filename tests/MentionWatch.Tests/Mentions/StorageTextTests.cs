using MentionWatch.Mentions;

namespace MentionWatch.Tests.Mentions;

public sealed class StorageTextTests
{
    // Built in code, not in attributes: attribute strings are stored as UTF-8, which cannot hold a lone surrogate.
    public static TheoryData<string, string> HostileCases => new()
    {
        // Ordinary text, emoji included, is returned as is.
        { "Thank you ward 7 \uD83D\uDE0A", "Thank you ward 7 \uD83D\uDE0A" },
        // PostgreSQL text columns refuse NUL.
        { "a\0b", "a\uFFFDb" },
        // A lone high surrogate is not valid UTF-8.
        { "x" + (char)0xD83D + "y", "x\uFFFDy" },
        // A lone low surrogate likewise.
        { "x" + (char)0xDE00, "x\uFFFD" },
        // A high surrogate at the very end.
        { "end" + (char)0xD83D, "end\uFFFD" },
    };

    [Theory]
    [MemberData(nameof(HostileCases))]
    public void Clean_HostileCharacters_ReplacedWithReplacementCharacter(string input, string expected) =>
        StorageText.Clean(input).ShouldBe(expected);

    [Fact]
    public void Clean_CleanText_SameInstance()
    {
        const string text = "no change needed";
        StorageText.Clean(text).ShouldBeSameAs(text);
    }

    [Fact]
    public void CleanJson_EscapedNul_ReplacedSoJsonbAcceptsIt() =>
        StorageText.CleanJson("{\"text\":\"a\\u0000b\"}").ShouldBe("{\"text\":\"a\\uFFFDb\"}");
}
