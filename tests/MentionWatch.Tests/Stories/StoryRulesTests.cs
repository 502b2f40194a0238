using MentionWatch.Stories;
using MentionWatch.Triage;

namespace MentionWatch.Tests.Stories;

public sealed class StoryRulesTests
{
    private const string Words = "I've saved up my tablets and I'm taking them tonight, sorry everyone";
    private static readonly string[] CrisisTeams = ["comms", "oncall", "spa"];

    private static StoryCandidate Root(string author, string[] teams, bool urgent = false, bool open = true, long id = 1, string platform = "x") =>
        new(id, platform, author, teams.ToHashSet(), urgent, open);

    private static StoryJoin? Join(string text, string? author, string[] labels, bool urgent, string[] teams, params StoryCandidate[] candidates) =>
        StoryRules.Join(CopyKey.Of(text), "x", author, labels, urgent, teams, candidates);

    [Fact]
    public void RetweetOfADistressPost_JoinsTheOriginal()
    {
        var join = Join($"RT @sam: {Words}", "friend1", [Labels.Distress], true, CrisisTeams, Root("sam", CrisisTeams, urgent: true));
        join.ShouldBe(new StoryJoin(1, CopyKinds.Share));
    }

    [Fact]
    public void RetweetCutShortButNamedByThePlatform_JoinsThePostItShares()
    {
        // X cuts a retweet's text ("RT @sam: I've saved up my…"): its words are not the original's, its id says whose it is.
        var shared = Root("sam", CrisisTeams, urgent: true, id: 7);
        StoryRules.Join(CopyKey.Of("RT @sam: I want to end it tonight, I have the…"), "x", "friend1", [Labels.Distress], true, CrisisTeams, [], shared)
            .ShouldBe(new StoryJoin(7, CopyKinds.Share));
        // The same rule as any copy: one that would alert a team the original did not raises its own.
        StoryRules.Join(CopyKey.Of("RT @sam: I want to end it tonight, I have the…"), "x", "friend1", [Labels.Distress], true, CrisisTeams, [],
            Root("sam", ["comms"], id: 7)).ShouldBeNull();
    }

    [Fact]
    public void SameDistressWordsPostedByAnotherPerson_AlertedOnTheirOwn() =>
        Join(Words, "someone_else", [Labels.Distress], true, CrisisTeams, Root("sam", CrisisTeams, urgent: true)).ShouldBeNull();

    [Fact]
    public void ShareOfAPostNeverStored_IsNotTakenAsAShareOfAnotherPersonsPost() =>
        // @lee's post never reached us; @sam posted the same words: the share may be of a different person in crisis.
        Join($"RT @lee: {Words}", "friend1", [Labels.Distress], true, CrisisTeams, Root("sam", CrisisTeams, urgent: true)).ShouldBeNull();

    [Fact]
    public void SameAuthorRepeatsADistressPost_JoinsWhileTheAlertIsOpen_AlertedAgainOnceAcknowledged()
    {
        Join(Words, "sam", [Labels.Distress], true, CrisisTeams, Root("sam", CrisisTeams, urgent: true, open: true))
            .ShouldBe(new StoryJoin(1, CopyKinds.Repeat));
        Join(Words, "@Sam", [Labels.Distress], true, CrisisTeams, Root("sam", CrisisTeams, urgent: true, open: false)).ShouldBeNull();
    }

    [Fact]
    public void SameAuthorOnAnotherPlatform_IsNotARepeat() =>
        StoryRules.Join(CopyKey.Of(Words), "facebook", "sam", [Labels.Distress], true, CrisisTeams, [Root("sam", CrisisTeams, urgent: true)])
            .ShouldBeNull();

    [Fact]
    public void FoiRequestPostedByAnotherPerson_OpensItsOwnCase_ButItsShareDoesNot()
    {
        const string request = "Under the FOI Act please tell me how many agency nurses you used in 2025";
        string[] foi = ["foi", "comms"];
        Join(request, "requester2", [Labels.FoiRequest], false, foi, Root("requester1", foi)).ShouldBeNull();
        Join($"RT @requester1: {request}", "fan", [Labels.FoiRequest], false, foi, Root("requester1", foi)).ShouldBe(new StoryJoin(1, CopyKinds.Share));
    }

    [Fact]
    public void TemplateComplaintFromManyPeople_IsOneCampaign()
    {
        const string template = "I am writing to complain about the closure of the Rowan ward and demand it reopens";
        string[] pals = ["pals", "comms"];
        Join(template, "resident42", [Labels.Complaint], false, pals, Root("resident1", pals)).ShouldBe(new StoryJoin(1, CopyKinds.Copy));
    }

    [Fact]
    public void CopyOfAClosedStory_ReopensNothing() =>
        Join("RT @paper: Hospital trust praised for new cancer centre opening this spring", "reader", [Labels.Praise], false, ["comms"],
            Root("paper", ["comms"], open: false)).ShouldBe(new StoryJoin(1, CopyKinds.Share));

    [Fact]
    public void CopyThatWouldAlertATeamTheStoryDidNot_AlertsOnItsOwn()
    {
        // The copy is urgent where the story was not (a reclassification, a model reading): never grouped away.
        Join($"RT @sam: {Words}", "friend1", [Labels.Distress], true, CrisisTeams, Root("sam", ["spa"], urgent: false)).ShouldBeNull();
        Join("RT @paper: Hospital trust praised for new cancer centre opening this spring", "reader", [Labels.Praise, Labels.MediaEnquiry],
            false, ["comms", "press"], Root("paper", ["comms"])).ShouldBeNull();
    }

    [Fact]
    public void PostsWithoutAKeyOrEarlierPosts_AlertOnTheirOwn()
    {
        Join("RT @sam: help", "friend1", [Labels.Distress], true, CrisisTeams, Root("sam", CrisisTeams, urgent: true)).ShouldBeNull();
        Join(Words, "sam", [Labels.Distress], true, CrisisTeams).ShouldBeNull();
    }

    [Fact]
    public void RepeatPrefersTheAuthorsOwnEarlierPost()
    {
        var join = Join(Words, "sam", [Labels.Distress], true, CrisisTeams,
            Root("other", CrisisTeams, urgent: true, id: 1), Root("sam", CrisisTeams, urgent: true, id: 2));
        join.ShouldBe(new StoryJoin(2, CopyKinds.Repeat));
    }

    private static StoryJoin? JoinSimilar(string? author, string[] labels, bool urgent, string[] teams, params StoryCandidate[] similar) =>
        StoryRules.Join(CopyKey.Of("Waited nine hours in A&E with my dad, nobody offered him water #NHS"), "x", author, labels, urgent, teams, [], null, similar);

    [Fact]
    public void NearCopyOfAComplaint_JoinsAsSimilar_TheSameAuthorsEarlierPostFirst()
    {
        JoinSimilar("reader", [Labels.Complaint], false, ["pals"], Root("pat", ["comms", "pals"], id: 3)).ShouldBe(new StoryJoin(3, CopyKinds.Similar));
        JoinSimilar("pat", [Labels.Complaint], false, ["pals"], Root("kim", ["pals"], id: 3), Root("pat", ["pals"], id: 5))
            .ShouldBe(new StoryJoin(5, CopyKinds.Similar));
    }

    [Theory]
    [InlineData(Labels.Distress, false)]
    [InlineData(Labels.FoiRequest, false)]
    [InlineData(Labels.FakeAccount, false)]
    [InlineData(Labels.Complaint, true)]
    public void NearCopy_UrgentOrAboutItsAuthor_NeverJoins_EvenByTheSameAuthor(string label, bool urgent) =>
        // A request with one word changed asks something else; a person's own distress in nearly the same words is theirs.
        JoinSimilar("pat", [label], urgent, ["pals"], Root("pat", ["pals", "foi", "spa", "comms"], urgent: true)).ShouldBeNull();

    [Fact]
    public void NearCopy_WouldAlertATeamTheStoryDidNot_RaisesItsOwn() =>
        JoinSimilar("reader", [Labels.Complaint, Labels.MediaEnquiry], false, ["pals", "press"], Root("pat", ["pals"])).ShouldBeNull();

    [Fact]
    public void SameWordsFound_NearCopiesNotAsked() =>
        StoryRules.Join(CopyKey.Of(Words), "x", "sam", [Labels.Complaint], false, ["pals"], [Root("sam", ["pals"], id: 1)], null, [Root("sam", ["pals"], id: 9)])
            .ShouldBe(new StoryJoin(1, CopyKinds.Repeat));
}
