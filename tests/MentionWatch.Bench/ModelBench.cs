using System.Diagnostics;
using MentionWatch.Triage;
using MentionWatch.Triage.Model;

namespace MentionWatch.Bench;

/// <summary>
/// (e) Classification with the learned model on, on a realistic mix: posts of the training corpus (about one in ten
/// over 600 characters), four in ten of them repeats of an earlier post (retweets, shares, copy-paste campaigns),
/// classified in batches of 100 as the classify consumer does, by a classifier whose embedding cache starts empty.
/// Prints where the time goes: embedding (tokenising and ONNX) against the rest (rules, the linear models).
/// </summary>
internal sealed class ModelBench(string corpusFolder, string trustPath, TextWriter output)
{
    private const int Distinct = 1200;
    private const int Total = 2000;
    private const int BatchSize = 100;

    public async Task<Figure> RunAsync(CancellationToken ct)
    {
        const string Measure = "(e) classify with the model, realistic mix";
        if (TriageModel.Default is not { } model || !Directory.Exists(corpusFolder))
        {
            return new Figure(Measure, "not measured (no model built in, or no corpus to draw posts from)", "≥ 150/s", null);
        }

        var posts = TriageCorpus.Load(corpusFolder).Posts;
        var step = Math.Max(1, posts.Count / Distinct);
        var distinct = posts.Where((_, i) => i % step == 0).Take(Distinct).Select(p => TriageInput.From(p.Mention)).ToList();
        var random = new Random(42);
        var mix = distinct.Concat(Enumerable.Range(0, Total - distinct.Count).Select(_ => distinct[random.Next(distinct.Count)]))
            .OrderBy(_ => random.Next()).ToList();
        var engine = TriageEngine.Create(TrustProfile.Load(trustPath));
        var embedder = new TextEmbedder();
        var classifier = new TriageClassifier(model, embedder);
        // Loads the ONNX session and JITs the path, on texts outside the mix.
        classifier.Classify(engine, [.. posts.Where((_, i) => i % step == 1).Take(BatchSize).Select(p => TriageInput.From(p.Mention))], ct);
        var warmed = embedder.Encoded;

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var embedding = TimeSpan.Zero;
        for (var start = 0; start < mix.Count; start += BatchSize)
        {
            var batch = mix.Skip(start).Take(BatchSize).ToList();
            var before = watch.Elapsed;
            embedder.Embed([.. batch.Select(b => b.Text)], ct);
            embedding += watch.Elapsed - before;
            classifier.Classify(engine, batch, ct);
        }

        var elapsed = watch.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var perSecond = mix.Count / elapsed.TotalSeconds;
        await output.WriteLineAsync(
            $"model: {perSecond:N0} mentions/s ({mix.Count / cpu.TotalSeconds:N0} per CPU-second); {embedder.Encoded - warmed} of {mix.Count} texts embedded " +
            $"(the rest repeats); embedding {embedding.TotalSeconds / elapsed.TotalSeconds:P0} of the time");
        return new Figure(Measure, $"{perSecond:N0} mentions/s", "≥ 150/s", perSecond >= 150);
    }
}
