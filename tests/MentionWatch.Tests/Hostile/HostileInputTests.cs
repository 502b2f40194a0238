using MentionWatch.Sources.Replay;
using MentionWatch.TestData;
using MentionWatch.Triage;

namespace MentionWatch.Tests.Hostile;

/// <summary>The shared hostile corpus through the replay adapter's mapping and the classifier: an answer, never a crash.</summary>
public sealed class HostileInputTests
{
    private static readonly TriageEngine Engine = TriageEngine.Create(
        TrustProfile.Load(RepoPaths.Combine("deploy/sample/trust.json")));

    [Theory]
    [MemberData(nameof(HostileCorpus.Names), MemberType = typeof(HostileCorpus))]
    public void ReplayTryMap_HostileLine_MapsOrSaysWhyWithoutThrowing(string name)
    {
        var hostile = HostileCorpus.Get(name);

        var mapped = ReplaySource.TryMap(hostile.Line, out _, out var reason);

        if (!mapped)
        {
            hostile.ExpectReplay.ShouldBe("quarantined");
            reason.ShouldContain(hostile.ExpectReason!);
        }
    }

    [Theory]
    [MemberData(nameof(HostileCorpus.Names), MemberType = typeof(HostileCorpus))]
    public void Classify_HostileMention_GivesAVerdictWithExpectedLabels(string name)
    {
        var hostile = HostileCorpus.Get(name);
        var mention = hostile.Mention;
        if (mention is null && ReplaySource.TryMap(hostile.Line, out var mapped, out _))
        {
            mention = new MentionWatch.Mentions.MentionJson { Id = mapped.ExternalId, Platform = mapped.Platform, Text = mapped.Text, PostedAt = mapped.PostedAt };
        }

        if (mention is null) return; // nothing a classifier would ever see

        var verdict = Engine.Classify(TriageInput.From(mention));

        verdict.ClassifierVersion.ShouldNotBeNullOrEmpty();
        foreach (var label in hostile.ExpectLabels) verdict.Labels.ShouldContain(label);
    }
}
