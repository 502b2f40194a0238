using System.Text;
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
    }

    [Fact]
    public void Load_CategoryWithSeveralRules_EachRuleHasItsOwnExpression()
    {
        var book = Load(TwoCategories);
        var pair = book["pair"];

        // The rule's own expression is what names the rule that fired, so it cannot be the category's.
        pair.FirstMatch("a long wait and cold tea")!.Id.ShouldBe("P-01");
        pair.FirstMatch("a long wait")!.Id.ShouldBe("P-02");
        pair.Rules[0].Regex.ShouldNotBeSameAs(pair.Expressions[0]);
        pair.Rules[0].Regex.ShouldNotBeSameAs(pair.Rules[1].Regex);
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

    private static RuleBook Load(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return RuleBook.Load(stream);
    }
}
