using MentionWatch.Sources;

namespace MentionWatch.Tests.Sources;

public sealed class PollCursorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Page_WithMoreToCome_KeepsTheMarkAndRemembersTheNewest()
    {
        var cursor = new PollCursor { Mark = "100" };

        var page = cursor.Page([], [], next: "t2", pageMark: "180", Now, PollCursor.CompareIds);

        var stored = PollCursor.Parse(page.NextCursor);
        page.HasMore.ShouldBeTrue();
        stored.Mark.ShouldBe("100");
        stored.RunMark.ShouldBe("180");
        stored.ResumeToken(Now).ShouldBe("t2");
    }

    [Fact]
    public void Page_HashtagIdFound_KeptThroughAndAfterTheRun()
    {
        var cursor = new PollCursor { Hashtag = "northshirenhs", HashtagId = "17841562426109234" };

        var running = PollCursor.Parse(cursor.Page([], [], "t2", PollCursor.TimeMark(Now), Now, PollCursor.CompareTimes).NextCursor);
        var done = PollCursor.Parse(running.Page([], [], null, null, Now, PollCursor.CompareTimes).NextCursor);

        running.HashtagId.ShouldBe("17841562426109234");
        done.Hashtag.ShouldBe("northshirenhs");
        done.HashtagId.ShouldBe("17841562426109234"); // looked up once: a restart does not spend another of the week's 30
    }

    [Fact]
    public void Page_LastOfARun_CommitsTheNewestOfTheWholeRun()
    {
        var running = PollCursor.Parse(new PollCursor { Mark = "100" }.Page([], [], "t2", "180", Now, PollCursor.CompareIds).NextCursor);

        // Later pages are older (newest first): the run's newest came from its first page.
        var last = running.Page([], [], next: null, pageMark: "120", Now, PollCursor.CompareIds);

        var stored = PollCursor.Parse(last.NextCursor);
        last.HasMore.ShouldBeFalse();
        stored.Mark.ShouldBe("180");
        stored.Next.ShouldBeNull();
    }

    [Fact]
    public void ResumeToken_RunOlderThanTheLimit_RestartsFromTheMark()
    {
        var running = PollCursor.Parse(new PollCursor { Mark = "100" }.Page([], [], "t2", "180", Now, PollCursor.CompareIds).NextCursor);

        running.ResumeToken(Now + PollCursor.ResumeLimit + TimeSpan.FromSeconds(1)).ShouldBeNull();
    }

    [Fact]
    public void ResumeToken_NoLimit_ResumesARunOfAnyAge()
    {
        // Care Opinion: offsets in a fixed window stay good, and dropping a long run would restart a long history forever.
        var running = PollCursor.Parse(new PollCursor { Mark = "100" }.Page([], [], "2000", "180", Now, PollCursor.CompareIds).NextCursor)
            with { ResumeWithin = null };
        var later = Now + TimeSpan.FromDays(2);

        running.ResumeToken(later).ShouldBe("2000");
        var next = running.Page([], [], "2100", "190", later, PollCursor.CompareIds);
        var stored = PollCursor.Parse(next.NextCursor);
        stored.RunMark.ShouldBe("190");
        stored.RunStartedAt.ShouldBe(Now); // the same run, not a new one
    }

    [Theory]
    [InlineData("999", "1000", -1)]       // shorter decimal ids are smaller, whatever their first digit
    [InlineData("1851234567890123456", "1851234567890123455", 1)]
    public void CompareIds_DecimalIdsOfAnyLength_NumericOrder(string a, string b, int sign) =>
        Math.Sign(PollCursor.CompareIds(a, b)).ShouldBe(sign);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]        // the replay adapter's line count, left by a platform switch
    [InlineData("{not json")]
    public void Parse_ForeignOrBrokenCursor_StartsAfresh(string? text) => PollCursor.Parse(text).Mark.ShouldBeNull();

    [Fact]
    public void TimeMark_PostDatedInTheFuture_IsNow()
    {
        PollCursor.TimeMark(new DateTimeOffset(2099, 12, 31, 23, 59, 59, TimeSpan.Zero), Now).ShouldBe(PollCursor.TimeMark(Now));
        PollCursor.TimeMark(Now.AddMinutes(-5), Now).ShouldBe(PollCursor.TimeMark(Now.AddMinutes(-5)));
    }
}
