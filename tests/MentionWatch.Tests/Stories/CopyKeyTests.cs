using MentionWatch.Stories;

namespace MentionWatch.Tests.Stories;

public sealed class CopyKeyTests
{
    private const string Post = "Waited 9 hours in A&E at St Elsewhere last night with my dad, no water offered once";

    [Theory]
    [InlineData("RT @kate_b: Waited 9 hours in A&E at St Elsewhere last night with my dad, no water offered once")]
    [InlineData("rt @kate_b : Waited 9 hours in A&E at St Elsewhere last night with my dad, no water offered once")]
    [InlineData("waited 9 HOURS in a&e at st elsewhere last night with my dad... no water offered once!!")]
    [InlineData("Waited 9 hours in A&E at St Elsewhere last night with my dad, no water offered once https://t.co/abc123 @StElsewhereNHS")]
    public void Key_CopiesWithPrefixesLinksHandlesCaseAndPunctuation(string copy) =>
        CopyKey.Of(copy).Key.ShouldBe(CopyKey.Of(Post).Key);

    [Fact]
    public void Key_EmojiAndSpacingIgnored() =>
        CopyKey.Of("Waited 9 hours in A&E 😡😡   at St Elsewhere last night\nwith my dad, no water offered once 🙏").Key.ShouldBe(CopyKey.Of(Post).Key);

    [Fact]
    public void Key_AQuoteThatAddsASentenceIsNotTheSameWords() =>
        CopyKey.Of("This is disgraceful. " + Post).Key.ShouldNotBe(CopyKey.Of(Post).Key);

    [Fact]
    public void Share_NamesTheInnermostAuthor()
    {
        var key = CopyKey.Of("RT @amy: RT @kate_b: " + Post);
        key.IsShare.ShouldBeTrue();
        key.SharedHandle.ShouldBe("kate_b");
        key.Key.ShouldBe(CopyKey.Of(Post).Key);
    }

    [Theory]
    [InlineData("@StElsewhereNHS thank you!")]
    [InlineData("RT @kate_b: so true 👏")]
    [InlineData("https://t.co/x https://t.co/y")]
    public void Key_ShortPostsHaveNone(string text) => CopyKey.Of(text).Key.ShouldBeNull();

    [Fact]
    public void Key_OtherLanguagesKeepTheirLetters()
    {
        CopyKey.Of("Czekałam 9 godzin na SOR, nikt nie podał wody").Key.ShouldNotBeNull();
        CopyKey.Of("Czekałam 9 godzin na SOR, nikt nie podał wody").Key.ShouldNotBe(CopyKey.Of("Czekalam 9 godzin na SOR, nikt nie podal wody").Key);
    }
}
