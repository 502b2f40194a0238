using MentionWatch.Sources;
using MentionWatch.Sources.Instagram;

namespace MentionWatch.Tests.Sources;

public sealed class InstagramHashtagBudgetTests
{
    private const string Account = "17841400000000001";

    [Fact]
    public void Spend_ThirtyFirstUniqueHashtagInSevenDays_RefusedUntilTheFirstFrees()
    {
        var clock = new TestClock();
        var budget = new InstagramHashtagBudget(clock);
        var first = clock.Now;
        for (var i = 0; i < InstagramHashtagBudget.Limit; i++)
        {
            budget.Spend(Account, $"tag{i}");
            clock.Advance(TimeSpan.FromHours(1));
        }

        var e = Should.Throw<SourceThrottledException>(() => budget.Spend(Account, "northshirenhs"));
        e.Until.ShouldBe(first + TimeSpan.FromDays(7));
        e.Message.ShouldContain("30 unique hashtags in 7 days");
        e.Message.ShouldContain("#northshirenhs");
        budget.Spend(Account, "TAG3");                 // one already searched this week costs nothing more
        budget.Spend("17841400000000002", "northshirenhs"); // another account has its own 30

        clock.Now = first + TimeSpan.FromDays(7);
        budget.Spend(Account, "northshirenhs");
        budget.Used(Account).ShouldBe(30);
    }
}
