using System.Text.Json;
using System.Text.RegularExpressions;
using MentionWatch.Mentions;
using MentionWatch.Triage;

namespace MentionWatch.Tests.Triage;

/// <summary>
/// The prefilter may only skip a regex that cannot match: for every pattern of the shipped rules, a text the pattern
/// matches must pass the pattern's prefilter, on tricky texts and on every sample post.
/// </summary>
public sealed class LiteralPrefilterTests
{
    private static readonly RuleDocument Rules = JsonSerializer.Deserialize<RuleDocument>(
        File.ReadAllText(RepoPaths.Combine("src/MentionWatch/Triage/Rules/rules.json")))!;

    private static readonly LiteralScanner Scanner = new(LiteralPrefilter.LiteralsOf(Rules.Rules.SelectMany(r => r.Patterns)));

    // Each line is aimed at rules whose literals it spells in an unusual way.
    private static readonly string[] TrickyTexts =
    [
        "I want to END IT ALL tonight 😂",                         // upper case: matches only once normalised
        "i want to e\u200Bnd it all",                              // a zero-width space inside the words
        "endmylife and suicidal",                                  // words run together: boundaries decide
        "nobody from the crisis team has ever called back",        // optional groups and a repeated group
        "nobodys rung, no one has even rang",                      // alternatives of different lengths
        "she was so kind with us, thank u so much, 5-star care",   // "thank ?(you|u)", "(five|5)[ -]stars?"
        "the nurse is a pr*ck and f***ed up, fu**ed even",         // asterisks inside insults
        "Łódź hospital was wspaniała, the staff were ＡＭＡＺＩＮＧ",  // accents and fullwidth letters folded
        "the waiting list for camhs is now over 12 weeks, 3rd time i rang", // digits, [a-z ]{0,30}
        "#journorequest can someone at @riverbendnhs speak with me?",
        "is this real? not the official account, @riverbend_nhs_help",
        "self-harm rates and self harm figures, number of overdoses",
        "ریوربینڈ کی ٹیم کا بہت شکریہ",                             // a post in Urdu
        "i havent eaten, cant sleep, wont answer her phone",
        "🤣💀🙈 lol lmao",
    ];

    public static TheoryData<string> Patterns()
    {
        var data = new TheoryData<string>();
        foreach (var pattern in Rules.Rules.SelectMany(r => r.Patterns).Distinct(StringComparer.Ordinal)) data.Add(pattern);
        return data;
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void MightMatch_TextThePatternMatches_IsTrue(string pattern)
    {
        var regex = new Regex(RuleBook.Wrap(pattern), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        var prefilter = LiteralPrefilter.For([pattern], Scanner);

        foreach (var text in Corpus())
        {
            if (regex.IsMatch(text))
            {
                prefilter.MightMatch(text).ShouldBeTrue($"'{pattern}' matches '{text}'");
            }
        }
    }

    [Fact]
    public void MightMatch_TextWithoutAnyRequiredLiteral_IsFalse()
    {
        var prefilter = LiteralPrefilter.For(["end (my|his|her) (own )?life", "kill (myself|himself)"], Scanner);

        prefilter.MightMatch("what a lovely end to the day").ShouldBeFalse();    // "end " but no pronoun and no "life"
        prefilter.MightMatch("my life ends here").ShouldBeFalse();               // "end" without the space after it
        prefilter.MightMatch("i want to end my life").ShouldBeTrue();
    }

    [Theory]
    // A run and a group are both required; the group of longer words is the more selective.
    [InlineData("(no|zero|lack of) (compassion|care|dignity)", "care|dignity|compassion")]
    // An optional last letter still leaves the word before it required.
    [InlineData("rates?", "rate")]
    // A quantified group is not required; the run after it is.
    [InlineData("(very )?kind staff", "kind staff")]
    // A top-level alternation needs one literal of either side.
    [InlineData("crisis line|samaritans", "crisis line|samaritans")]
    // A character class breaks a run: either half can be required, the longer wins.
    [InlineData("self[- ]harming", "harming")]
    // An escape breaks a run too.
    [InlineData(@"f\*+ed", "ed")]
    // Nothing literal at all: no prefilter.
    [InlineData("[0-9]+", null)]
    public void RequiredLiterals_PatternShape_GivesTheMostSelectiveSet(string pattern, string? expected)
    {
        var required = LiteralPrefilter.RequiredLiterals(pattern);

        if (expected is null)
        {
            required.ShouldBeNull();
        }
        else
        {
            required.ShouldNotBeNull().Order(StringComparer.Ordinal).ShouldBe(expected.Split('|').Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void RequiredLiteralSets_PatternWithSeveralRequiredParts_KeepsEachAsASet()
    {
        // The space between the groups is required too: a weak set, checked last.
        var sets = LiteralPrefilter.RequiredLiteralSets("end (my|his|her) (own )?life");

        sets.Select(s => string.Join('|', s.Order(StringComparer.Ordinal))).ShouldBe(["end ", "life", "her|his|my", " "], ignoreOrder: true);
    }

    private static IEnumerable<string> Corpus()
    {
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        var posts = File.ReadLines(RepoPaths.Combine("deploy/sample/mentions.jsonl")).Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<MentionJson>(l, options)!.Text ?? "");
        foreach (var text in TrickyTexts.Concat(posts))
        {
            yield return text;
            yield return TextNormalizer.Normalize(text);
        }
    }
}
