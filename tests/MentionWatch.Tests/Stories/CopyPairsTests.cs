using System.Text.Json;
using MentionWatch.Stories;
using Xunit.Abstractions;

namespace MentionWatch.Tests.Stories;

/// <summary>
/// "Is this post a copy of that one?" measured on labelled pairs of hard cases (template complaints from different
/// people, quotes adding a sentence, petitions, FOI requests asking different things, distress in near-identical
/// words, translations, truncated shares). The thresholds were chosen on set A; set B was written independently, by
/// another writer about other trusts, and is the honest figure. The test is the one the service runs: a shared band
/// (the database's index lookup), then the words.
/// </summary>
public sealed class CopyPairsTests(ITestOutputHelper output)
{
    private sealed record Pair(string Id, string A, string B, bool Copy, string Case);

    [Theory]
    [InlineData("a", 0.92, 0.95)] // measured 0.95 / 0.97: the set the thresholds were chosen on
    [InlineData("b", 0.88, 0.88)] // measured 0.91 / 0.90: held out
    public void NearCopy_PrecisionAndRecallOnLabelledPairs(string set, double minPrecision, double minRecall)
    {
        var pairs = Load(set);
        var (precision, recall, misses) = Score(pairs, (a, b) => a.Key is not null && a.Key == b.Key || b.MayCopy(a) && b.Copies(a));
        var (exactPrecision, exactRecall, _) = Score(pairs, (a, b) => a.Key is not null && a.Key == b.Key);
        output.WriteLine($"set {set}: {pairs.Count} pairs; near copy P {precision:F2} R {recall:F2}; exact key alone P {exactPrecision:F2} R {exactRecall:F2}");
        foreach (var miss in misses) output.WriteLine($"  wrong: {miss}");
        precision.ShouldBeGreaterThanOrEqualTo(minPrecision);
        recall.ShouldBeGreaterThanOrEqualTo(minRecall);
        // The exact key finds only the identical: the near test is what groups edited copies.
        recall.ShouldBeGreaterThan(exactRecall + 0.5);
    }

    [Fact]
    public void Bands_TheSameForTheSameWords_AndStable()
    {
        var key = CopyKey.Of("Waited nine hours in A&E at St Elsewhere with my dad last night");
        key.Bands.Length.ShouldBe(WordBands.Count);
        CopyKey.Of("RT @someone: waited NINE hours in a&e at st elsewhere with my dad last night!!").Bands.ShouldBe(key.Bands);
        // Stored in the database: a value computed by another process or release must match, so it is pinned here.
        key.Bands[0].ShouldBe(WordBands.Of(["waited", "nine", "hours", "in", "a", "e", "at", "st", "elsewhere", "with", "my", "dad", "last", "night"])[0]);
        CopyKey.Of("thank you all").Bands.ShouldBeEmpty();
    }

    [Fact]
    public void Copies_CutShortIsACopy_AnAddedSentenceIsNot()
    {
        var post = CopyKey.Of("Waited nine hours in A&E at St Elsewhere with my dad last night and nobody offered him water once");
        CopyKey.Of("RT @pat: Waited nine hours in A&E at St Elsewhere with my dad last night and nobody…").Copies(post).ShouldBeTrue();
        CopyKey.Of("Waited 9 hours in A&E at St Elsewhere with my dad last night, nobody offered him any water once #NHS").Copies(post).ShouldBeTrue();
        CopyKey.Of("This happened to my mum too and she ended up back in hospital a week later. Waited nine hours in A&E at St Elsewhere with my dad last night and nobody offered him water once")
            .Copies(post).ShouldBeFalse();
    }

    private static (double Precision, double Recall, List<string> Wrong) Score(IReadOnlyList<Pair> pairs, Func<CopyKey, CopyKey, bool> isCopy)
    {
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        var wrong = new List<string>();
        foreach (var pair in pairs)
        {
            var predicted = isCopy(CopyKey.Of(pair.A), CopyKey.Of(pair.B));
            if (predicted && pair.Copy) truePositives++;
            else if (predicted) falsePositives++;
            else if (pair.Copy) falseNegatives++;
            if (predicted != pair.Copy) wrong.Add($"{pair.Id} ({pair.Case}): labelled {(pair.Copy ? "copy" : "not a copy")}");
        }

        return ((double)truePositives / Math.Max(1, truePositives + falsePositives), (double)truePositives / Math.Max(1, truePositives + falseNegatives), wrong);
    }

    private static List<Pair> Load(string set) =>
        File.ReadLines(RepoPaths.Combine($"tests/data/copies/pairs-{set}.jsonl"))
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => new Pair(e.GetProperty("id").GetString()!, e.GetProperty("a").GetString()!, e.GetProperty("b").GetString()!,
                e.GetProperty("copy").GetBoolean(), e.GetProperty("case").GetString()!))
            .ToList();
}
