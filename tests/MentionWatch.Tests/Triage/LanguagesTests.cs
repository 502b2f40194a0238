using MentionWatch.Triage;
using MentionWatch.Triage.Model;

namespace MentionWatch.Tests.Triage;

public sealed class LanguagesTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void Detect_TheCorpusWithoutItsTags_AgreesWithItsWritersOnEnglishOrNot()
    {
        // Fifteen writers' own language tags, 11,701 posts in 30 languages: the detector is asked without the tag.
        var posts = TriageCorpus.Load(RepoPaths.Combine("src/MentionWatch/Triage/Corpus")).Posts;
        var english = posts.Where(p => p.Mention.Lang == "en").ToList();
        var other = posts.Where(p => p.Mention.Lang is not null and not "en").ToList();

        var englishKept = english.Count(p => Languages.Detect(TextNormalizer.Normalize(p.Mention.Text)).IsEnglish) / (double)english.Count;
        var otherFound = other.Count(p => !Languages.Detect(TextNormalizer.Normalize(p.Mention.Text)).IsEnglish) / (double)other.Count;

        output.WriteLine($"English kept {englishKept:P2} of {english.Count}; other languages found {otherFound:P2} of {other.Count}");
        var missed = other.Where(p => Languages.Detect(TextNormalizer.Normalize(p.Mention.Text)).IsEnglish).GroupBy(p => p.Mention.Lang);
        output.WriteLine("taken for English, by language: " + string.Join(", ", missed.Select(g => $"{g.Key} {g.Count()}")));
        Check.That(englishKept >= 0.98, $"expected at least 98% of {english.Count} English posts taken for English; was {englishKept:P1}");
        Check.That(otherFound >= 0.90, $"expected at least 90% of {other.Count} posts in other languages found not English; was {otherFound:P1}");
    }

    [Theory]
    // Arabic script: each language told by the letters it adds.
    [InlineData("ہسپتال والوں نے میری بات نہیں سنی", "ur")]
    [InlineData("المستشفى لم يساعدني أبدا", "ar")]
    [InlineData("نەخۆشخانەکە یارمەتی نەدام", "ckb")]
    [InlineData("ਹਸਪਤਾਲ ਨੇ ਮੇਰੀ ਮਦਦ ਨਹੀਂ ਕੀਤੀ", "pa")]
    [InlineData("হাসপাতাল আমাকে সাহায্য করেনি", "bn")]
    // Latin script: common words.
    [InlineData("Diolch o galon i'r nyrsys am ofalu am Mam", "cy")]
    [InlineData("Szpital odesłał mnie do domu bez pomocy, czekałam sześć godzin", "pl")]
    [InlineData("Am așteptat la spital opt ore și nimeni nu m-a ajutat", "ro")]
    [InlineData("Esperei seis horas no hospital e ninguém me ajudou", "pt")]
    [InlineData("V nemocnici som čakala šesť hodín a nikto mi nepomohol", "sk")]
    [InlineData("Cisbitaalka waxaan ku sugayay lix saacadood, qof ima caawin", "so")]
    [InlineData("A kórházban hat órát vártam és senki nem segített", "hu")]
    [InlineData("Prita gjashtë orë në spital dhe askush nuk më ndihmoi", "sq")]
    [InlineData("Ndakamirira maawa matanhatu kuchipatara asi hapana akandibatsira", "sn")]
    [InlineData("mujhe hospital mein chhe ghante wait karna pada aur koi madad nahi mili", "ur-Latn")]
    // English, with a local place name and a word of Welsh.
    [InlineData("Waited six hours at Ysbyty Gwynedd and nobody came to see my dad, diolch for nothing", "en")]
    [InlineData("the ward staff were amazing with my mum last night", "en")]
    public void Detect_APost_NamesItsLanguage(string text, string code) =>
        Check.Equal(Languages.Detect(TextNormalizer.Normalize(text)).Code, code, $"the language of '{text}'");

    [Theory]
    [InlineData("en", "en")]
    [InlineData("en-GB", "en")]
    [InlineData("pl", "pl")]
    [InlineData("cy", "cy")]
    public void FromTag_APlatformsTag_IsTrusted(string tag, string code) => Check.Equal(Languages.FromTag(tag)?.Code, code, $"the language of tag '{tag}'");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("und")]
    public void FromTag_NoTagOrUndetermined_LeavesItToTheText(string? tag) => Check.Equal(Languages.FromTag(tag), null, $"the language of tag '{tag}'");
}
