using MentionWatch.Triage;

namespace MentionWatch.Tests.Triage;

/// <summary>The one-pass literal search must find exactly what an ordinal <c>Contains</c> finds, literal by literal.</summary>
public sealed class LiteralScannerTests
{
    // Overlapping and nested literals (he/her/here/there), a prefix of another (nurse/nurses), punctuation, digits,
    // non-ASCII letters, an emoji (a surrogate pair) and a zero-width space inside a literal.
    private static readonly string[] Literals =
        ["he", "her", "here", "there", "nurse", "nurses", " of ", "@", "5 star", "łódź", "😂", "end\u200Bit", "ed", "f**k", "is "];

    public static TheoryData<string> Texts => new()
    {
        "",                                        // nothing at all
        "there",                                   // he, her, here and there end inside one word
        "THERE HERE",                              // case matters: the scanner is ordinal, the normaliser lowers first
        "the nurses of the ward",                  // nurse inside nurses; " of " needs both spaces
        "@riverbendnhs 5 stars",                   // a one-character literal; a literal with a digit and a space
        "łódź general 😂😂",                        // non-ASCII letters and a surrogate pair
        "\uD83D alone and \uDE02 alone",           // halves of the emoji's surrogate pair apart: not the emoji
        "end\u200Bit and endit",                   // a zero-width character inside a literal and the literal without it
        "f**ked it, that is it",                   // asterisks are plain characters here
        "hhe herr heree",                          // a failed start that restarts one character later
        new string('e', 300) + "d",                // a long run with the only match at the very end
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Scan_AnyText_FindsExactlyTheLiteralsThatOccur(string text)
    {
        var scanner = new LiteralScanner(Literals);

        var found = scanner.Scan(text);

        foreach (var literal in Literals)
        {
            var id = scanner.IdOf(literal);
            ((found[id >> 6] & (1UL << id)) != 0).ShouldBe(text.Contains(literal, StringComparison.Ordinal), $"'{literal}' in '{text}'");
        }
    }

    [Fact]
    public void Scan_AnotherStringWithOtherText_DoesNotReuseTheLastAnswer()
    {
        var scanner = new LiteralScanner(Literals);
        var other = new LiteralScanner(["zzz"]);

        scanner.Scan("there");
        other.Scan("zzz");
        var found = scanner.Scan(new string("nurse".AsSpan()));

        (found[scanner.IdOf("there") >> 6] & (1UL << scanner.IdOf("there"))).ShouldBe(0UL);
        (found[scanner.IdOf("nurse") >> 6] & (1UL << scanner.IdOf("nurse"))).ShouldNotBe(0UL);
    }

    [Fact]
    public void Scan_ManyLiterals_SetsBitsBeyondTheFirstWord()
    {
        var literals = Enumerable.Range(0, 200).Select(i => $"w{i}x").ToArray();
        var scanner = new LiteralScanner(literals);

        var found = scanner.Scan("a w150x b w3x");

        for (var i = 0; i < literals.Length; i++)
        {
            var id = scanner.IdOf(literals[i]);
            ((found[id >> 6] & (1UL << id)) != 0).ShouldBe(i is 150 or 3, literals[i]);
        }
    }

    [Fact]
    public void Scan_TextsInTurn_EachAnswerIsForItsOwnText()
    {
        var scanner = new LiteralScanner(Literals);

        // The answer array is reused between texts: a literal of the first text must not linger into the second.
        var first = scanner.Scan("the nurses");
        var nurseInFirst = (first[scanner.IdOf("nurse") >> 6] & (1UL << scanner.IdOf("nurse"))) != 0;
        var second = scanner.Scan("here 😂");

        nurseInFirst.ShouldBeTrue();
        (second[scanner.IdOf("nurse") >> 6] & (1UL << scanner.IdOf("nurse"))).ShouldBe(0UL);
        (second[scanner.IdOf("😂") >> 6] & (1UL << scanner.IdOf("😂"))).ShouldNotBe(0UL);
    }

    [Fact]
    public void Scan_LiteralsUsingManyDistinctCharacters_FindsEachOfThem()
    {
        // More distinct characters than fit in a byte: a rules file with words in several scripts must still work.
        var literals = Enumerable.Range(0x4E00, 400).Select(c => ((char)c).ToString()).Append("ok").ToArray();
        var scanner = new LiteralScanner(literals);

        var found = scanner.Scan("ok \u4E00 and \u4F8F");

        foreach (var literal in literals)
        {
            var id = scanner.IdOf(literal);
            ((found[id >> 6] & (1UL << id)) != 0).ShouldBe(literal is "ok" or "\u4E00" or "\u4F8F", literal);
        }
    }
}
