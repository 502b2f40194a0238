using MentionWatch.Triage;
using MentionWatch.Triage.Model;

namespace MentionWatch.Tests.Triage.Model;

public sealed class HashedNgramsTests
{
    [Fact]
    public void Of_SameText_SameSortedUnitVector()
    {
        var text = TextNormalizer.Normalize("Dw i ddim yn gallu ymdopi heno");

        var a = HashedNgrams.Of(text);
        var b = HashedNgrams.Of(text);

        a.Indices.ShouldBe(b.Indices);
        a.Values.ShouldBe(b.Values);
        a.Indices.ShouldBe(a.Indices.Order().Distinct().ToArray());
        a.Indices.ShouldAllBe(i => i >= 0 && i < HashedNgrams.Dimensions);
        Math.Sqrt(a.Values.Sum(v => v * v)).ShouldBe(1, 1e-5);
    }

    [Fact]
    public void Of_MisspeltWord_SharesMostCharacterGramsWithTheWord()
    {
        var right = HashedNgrams.Of("tablets");
        var wrong = HashedNgrams.Of("tablests");
        var other = HashedNgrams.Of("parking");

        Overlap(right, wrong).ShouldBeGreaterThan(0.3);
        Overlap(right, other).ShouldBeLessThan(0.1);
    }

    [Fact]
    public void Of_EmptyText_EmptyVector() => HashedNgrams.Of("").Indices.ShouldBeEmpty();

    private static double Overlap(SparseFeatures a, SparseFeatures b) =>
        a.Indices.Zip(a.Values).Sum(x => Array.IndexOf(b.Indices, x.First) is var j and >= 0 ? x.Second * b.Values[j] : 0);
}
