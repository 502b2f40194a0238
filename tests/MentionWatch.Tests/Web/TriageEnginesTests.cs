using MentionWatch.Tests.Alerts;
using MentionWatch.Triage;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentionWatch.Tests.Web;

public sealed class TriageEnginesTests
{
    [Fact]
    public void WithRegister_AddsDatabaseAccountsToTheFileOnes_AndTheDetectorTrustsThem()
    {
        var file = new TrustProfile { Name = "Riverbend NHS Foundation Trust", Aliases = ["Riverbend NHS"], OfficialAccounts = [new OfficialAccount { Platform = "x", Handle = "RiverbendNHS" }] };
        var registered = new OfficialAccount { Platform = "x", Handle = "RiverbendNHSHelp" };

        var merged = TriageEngines.WithRegister(file, [registered]);
        var detector = new LookalikeHandleDetector(merged);

        merged.OfficialAccounts.Count.ShouldBe(2);
        file.OfficialAccounts.Count.ShouldBe(1, "the file's profile is not changed");
        detector.Assess("RiverbendNHSHelp", null, "x").Kind.ShouldBe(HandleKind.Official);
        new LookalikeHandleDetector(file).Assess("RiverbendNHSHelp", null, "x").Kind.ShouldBe(HandleKind.Lookalike);
    }

    [Fact]
    public void Current_RegisterUnchangedAtRefresh_KeepsTheSameEngine()
    {
        var clock = new TestClock { FireAtOnceUpTo = TimeSpan.FromMinutes(1) };
        var reads = 0;
        var engines = new TriageEngines(Profile, () => { reads++; return [new OfficialAccount { Platform = "x", Handle = "RiverbendNHSHelp" }]; },
            clock, NullLogger<TriageEngines>.Instance);

        var first = engines.Current;
        clock.Now += TriageEngines.RefreshEvery + TimeSpan.FromSeconds(1);
        var second = engines.Current;

        // Each build makes new linear-time automata (megabytes, cold again): an unchanged register is no reason.
        reads.ShouldBe(2, "the register is still read again at each refresh");
        second.ShouldBeSameAs(first);
    }

    [Fact]
    public void Current_RegisterChangedAtRefreshOrInvalidated_BuildsANewEngineThatKnowsTheAccount()
    {
        var clock = new TestClock { FireAtOnceUpTo = TimeSpan.FromMinutes(1) };
        var register = new List<OfficialAccount>();
        var engines = new TriageEngines(Profile, () => [.. register], clock, NullLogger<TriageEngines>.Instance);
        var first = engines.Current;

        register.Add(new OfficialAccount { Platform = "x", Handle = "RiverbendNHSHelp" });
        engines.Current.ShouldBeSameAs(first, "within the refresh interval nothing is read");
        clock.Now += TriageEngines.RefreshEvery;
        var second = engines.Current;
        engines.Invalidate();
        var third = engines.Current;

        second.ShouldNotBeSameAs(first);
        second.Profile.OfficialAccounts.Count.ShouldBe(2);
        third.ShouldNotBeSameAs(second, "an edit here rebuilds at once");
    }

    private static TrustProfile Profile { get; } = new()
    {
        Name = "Riverbend NHS Foundation Trust", Aliases = ["Riverbend NHS"], OfficialAccounts = [new OfficialAccount { Platform = "x", Handle = "RiverbendNHS" }],
    };
}
