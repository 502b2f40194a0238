using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MentionWatch.Mentions;
using MentionWatch.Triage;

namespace MentionWatch.Benchmarks;

/// <summary>
/// <see cref="TriageEngine.Classify"/> over the posts <c>mentionwatch bench</c> measures (a) with:
/// <c>deploy/sample/mentions.jsonl</c> under <c>deploy/sample/trust.json</c>, a fuller profile than
/// <see cref="ClassifyBenchmarks"/>'s, with author descriptions and non-ASCII posts. One operation classifies the next
/// post in turn, so the mean is the cost per post when the posts differ from one call to the next, as in the service
/// (classifying one post over and over keeps its automata states in the CPU cache and reads about twice as fast).
/// </summary>
[MemoryDiagnoser]
public class SampleClassifyBenchmarks
{
    private TriageEngine _engine = null!;
    private TriageInput[] _posts = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var sample = FindSampleFolder();
        _engine = TriageEngine.Create(TrustProfile.Load(Path.Combine(sample, "trust.json")));
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        _posts = File.ReadLines(Path.Combine(sample, "mentions.jsonl")).Where(l => l.Length > 0)
            .Select(l => TriageInput.From(JsonSerializer.Deserialize<MentionJson>(l, options)!)).ToArray();
    }

    [Benchmark]
    public int ClassifySamplePost()
    {
        var post = _posts[_next];
        _next = _next + 1 == _posts.Length ? 0 : _next + 1;
        return _engine.Classify(post).Labels.Count;
    }

    // BenchmarkDotNet runs a copy of this project from its own folder: walk up to the repository's deploy/sample.
    private static string FindSampleFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "deploy", "sample");
            if (File.Exists(Path.Combine(candidate, "mentions.jsonl")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("deploy/sample/mentions.jsonl not found above " + AppContext.BaseDirectory);
    }
}
