using MentionWatch.Spikes;

namespace MentionWatch.Tests.Spikes;

public sealed class TopPhrasesTests
{
    [Fact]
    public void Find_ManyPostsAboutOneWard_SharedPhraseFirstWithPostCounts()
    {
        var posts = new[]
        {
            "Heron Ward closed again tonight @jo_bloggs https://t.co/x",
            "Why is Heron Ward closed?? My dad was moved at 2am",
            "heron ward closed, no notice given to families",
            "Parking at Elmstead is a joke",
        };

        var phrases = TopPhrases.Find(posts, 3);

        phrases[0].ShouldBe(("heron ward", 3));
        phrases.Select(p => p.Phrase).ShouldContain("ward closed");
        phrases.ShouldAllBe(p => !p.Phrase.Contains("jo_bloggs") && !p.Phrase.Contains("t.co"));
    }

    [Fact]
    public void Find_NothingShared_OnlyPhrasesInTwoOrMorePosts()
    {
        TopPhrases.Find(["Lovely staff on Linnet", "Parking machines broken"]).ShouldBeEmpty();
    }
}
