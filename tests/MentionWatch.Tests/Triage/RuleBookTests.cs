using System.Text;
using System.Text.RegularExpressions;
using MentionWatch.TestData;
using MentionWatch.Triage;

namespace MentionWatch.Tests.Triage;

public sealed class RuleBookTests
{
    private const string TwoCategories =
        """
        { "version": "rules-test", "rules": [
          { "id": "A-01", "category": "alone", "reason": "only rule", "patterns": [ "on my own", "by myself" ] },
          { "id": "P-01", "category": "pair", "reason": "first", "patterns": [ "cold tea" ] },
          { "id": "P-02", "category": "pair", "reason": "second", "patterns": [ "long wait" ] }
        ] }
        """;

    [Fact]
    public void Load_CategoryWithOneRule_RuleSharesTheCategoryExpression()
    {
        var book = Load(TwoCategories);
        var alone = book["alone"];

        // Each linear-time automaton costs megabytes once it has run: the same pattern must not be built twice.
        alone.FirstMatch("i was left on my own all night")!.Id.ShouldBe("A-01");
        alone.Expressions.ShouldHaveSingleItem();
        alone.Rules[0].Regex.ShouldBeSameAs(alone.Expressions[0]);
        alone.Rules[0].Linear.ShouldBeSameAs(alone.Expressions[0]);
    }

    [Fact]
    public void Load_CategoryWithSeveralRules_RulesNameThemselvesWithoutALinearTimeAutomaton()
    {
        var book = Load(TwoCategories);
        var pair = book["pair"];

        pair.FirstMatch("a long wait and cold tea")!.Id.ShouldBe("P-01");
        pair.FirstMatch("a long wait")!.Id.ShouldBe("P-02");
        foreach (var rule in pair.Rules)
        {
            rule.Regex.Options.HasFlag(RegexOptions.NonBacktracking).ShouldBeFalse(rule.Id);
            rule.Regex.MatchTimeout.ShouldBe(CompiledRule.QuickMatchTimeout, rule.Id);
        }
    }

    [Fact]
    public void IsMatch_PatternThatBacktracksPastTheTimeout_AnswersWithTheLinearTimeExpressionFromThenOn()
    {
        // Nested quantifiers over a run of 'a' with no 'b': exponential for a backtracking engine.
        const string Pattern = "(a+)+b";
        var rule = new CompiledRule("T-01", "test", () => new Regex(Pattern, RegexOptions.None, TimeSpan.FromMilliseconds(1)),
            () => new Regex(Pattern, RegexOptions.NonBacktracking), LiteralPrefilter.PassAll);
        var hostile = new string('a', 5_000) + "c";

        rule.IsMatch(hostile).ShouldBeFalse();
        rule.Regex.Options.HasFlag(RegexOptions.NonBacktracking).ShouldBeTrue();
        rule.IsMatch("aaab").ShouldBeTrue();
    }

    [Fact]
    public void Default_SingleRuleCategoriesOfTheShippedRules_ShareTheirExpression()
    {
        foreach (var name in new[] { "abuse.insult", "abuse.threat", "media.role", "media.request", "foi.data", "fake.report" })
        {
            var category = RuleBook.Default[name];
            category.Rules.Count.ShouldBe(1, name);
            category.Rules[0].Regex.ShouldBeSameAs(category.Expressions[0], name);
        }
    }

    [Fact]
    public void Default_EveryShippedRule_QuickAndLinearTimeExpressionsAgreeOnTheTestTexts()
    {
        // Which rule is named must not depend on the engine: whether a pattern occurs does not.
        var texts = HostileCorpus.Cases.Select(c => c.Mention?.Text).OfType<string>().Concat(SampleTexts).Select(TextNormalizer.Normalize).ToList();
        var rules = Categories.SelectMany(c => RuleBook.Default[c].Rules).ToList();
        rules.Count.ShouldBeGreaterThan(20);
        var fired = 0;
        foreach (var rule in rules)
        {
            // The same backtracking expression without its timeout: a busy machine must not decide this test.
            var backtracking = new Regex(rule.Quick.ToString(), rule.Quick.Options, Regex.InfiniteMatchTimeout);
            foreach (var text in texts)
            {
                var quick = backtracking.IsMatch(text);
                quick.ShouldBe(rule.Linear.IsMatch(text), $"{rule.Id} on \"{text}\"");
                if (quick) fired++;
            }
        }

        fired.ShouldBeGreaterThan(10);
    }

    // The categories with several rules, whose rules name themselves with the backtracking interpreter.
    private static readonly string[] Categories = ["block.distress", "distress.strong", "urgent", "complaint.cue", "praise.cue", "foi.request"];

    // One or more cues of each of those categories.
    private static readonly string[] SampleTexts =
    [
        "I'm dying to see the new ward, this queue is killing me",
        "Suicide Squad is on again tonight",
        "I keep thinking about ending my life, I can't see a way out",
        "I've decided tonight is it. sorry everyone, I have taken all my tablets",
        "waited 14 weeks for a callback and nobody from the team has ever called back, left 5 messages",
        "the way my mum was spoken to on the ward was disgusting, I want an apology. sort it out",
        "they lost my referral twice and discharged me by letter",
        "huge thank you to the district nurses who looked after my dad so well, amazing team",
        "could you please tell me how many beds the trust has, under the freedom of information act",
        "my brother has given away all his things to his friends and said goodbye",
    ];

    private static RuleBook Load(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return RuleBook.Load(stream);
    }
}
