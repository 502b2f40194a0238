using MentionWatch.Triage;

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
}
