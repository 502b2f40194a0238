using MentionWatch.Sources;
using MentionWatch.Sources.Http;

namespace MentionWatch.Tests.Sources;

public sealed class ThrottleScopesTests
{
    [Fact]
    public void Meta_TwoSourcesOnOnePage_ShareTheTokenPageAndAppKeysAndNeverShowTheToken()
    {
        var tagged = ThrottleScopes.Meta(Source("fb-tagged", ("PageId", "104857600123456"), ("Token", "EAAG-secret")), "104857600123456");
        var feed = ThrottleScopes.Meta(Source("fb-feed", ("PageId", "104857600123456"), ("Token", "EAAG-secret")), "104857600123456");
        var other = ThrottleScopes.Meta(Source("ig", ("UserId", "17841400000000001"), ("Token", "EAAG-other"), ("AppId", "555")), "17841400000000001");

        feed.ShouldBe(tagged);
        tagged.Account.ShouldBe("meta-account:104857600123456");
        tagged.App.ShouldBe("meta-app:default");
        tagged.Token.ShouldNotBeNull().ShouldStartWith("meta-token:");
        tagged.All.ShouldAllBe(k => !k.Contains("secret", StringComparison.Ordinal));
        other.Token.ShouldNotBe(tagged.Token);
        other.App.ShouldBe("meta-app:555");
    }

    [Theory]
    // Meta's codes: app (4, 341), token/user (17, 613), Page or account (32, Business Use Case 80000–80014).
    [InlineData(4, LimitScope.App)]
    [InlineData(341, LimitScope.App)]
    [InlineData(17, LimitScope.Token)]
    [InlineData(613, LimitScope.Token)]
    [InlineData(32, LimitScope.Account)]
    [InlineData(80001, LimitScope.Account)]
    [InlineData(80002, LimitScope.Account)]
    public void GraphLimit_ThrottleCodes_NameWhoseLimit(int code, LimitScope expected) => ThrottleSignals.GraphLimit(code).ShouldBe(expected);

    [Fact]
    public void GraphLimit_NotAThrottle_Null() => ThrottleSignals.GraphLimit(100).ShouldBeNull();

    [Fact]
    public void For_AccountLimitOnASourceWithoutAnAccount_FallsBackToItsCredential()
    {
        var youtube = ThrottleScopes.Credential("google-key", "AIza-key");

        youtube.For(LimitScope.Account).ShouldBe(youtube.Token);
        youtube.For(LimitScope.Source).ShouldBeNull();
        ThrottleScopes.None.For(LimitScope.Token).ShouldBeNull();
    }

    [Fact]
    public void ThrowIfBackingOff_PageBackedOff_EverySourceNamingItWaitsUntilTheRegainTime()
    {
        var clock = new TestClock();
        var politeness = new HostPoliteness(clock);
        var page = ThrottleScopes.Meta(Source("a", ("Token", "t1")), "104857600123456");
        var otherPage = ThrottleScopes.Meta(Source("b", ("Token", "t2")), "999");
        var until = clock.Now.AddMinutes(30);

        politeness.BackOff(page.Account!, until, "Graph error 80001: too many calls to this Page");

        var e = Should.Throw<SourceThrottledException>(() => politeness.ThrowIfBackingOff(page.All));
        e.Until.ShouldBe(until);
        e.Scope.ShouldBe("meta-account:104857600123456");
        e.Limit.ShouldBe(LimitScope.Account);
        e.Message.ShouldContain("80001");
        politeness.ThrowIfBackingOff(otherPage.All); // another Page with another token: not held

        clock.Now = until;
        politeness.ThrowIfBackingOff(page.All); // the regain time reached
    }

    [Fact]
    public void BackOff_ShorterBackoffAfterALonger_LongerKept()
    {
        var clock = new TestClock();
        var politeness = new HostPoliteness(clock);
        politeness.BackOff("meta-app:default", clock.Now.AddHours(1), "Graph error 4");
        politeness.BackOff("meta-app:default", clock.Now.AddMinutes(5), "usage 96%");

        Should.Throw<SourceThrottledException>(() => politeness.ThrowIfBackingOff(["meta-app:default"])).Until.ShouldBe(clock.Now.AddHours(1));
    }

    private static SourceSettings Source(string id, params (string Key, string Value)[] settings)
    {
        var source = new SourceSettings { Id = id, Platform = "facebook" };
        foreach (var (key, value) in settings) source.Settings[key] = value;
        return source;
    }
}
