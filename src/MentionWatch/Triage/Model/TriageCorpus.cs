using System.Text.Json;
using MentionWatch.Mentions;

namespace MentionWatch.Triage.Model;

/// <summary>
/// The labelled posts the model learns from: every folder of <c>Triage/Corpus/</c> holding a <c>trust.json</c> and
/// a <c>mentions.jsonl</c> in the shape of shared/eval/FORMAT.md. Each post's writer is its <c>writer</c> field, or
/// the folder's name; leave-one-writer-out cross-validation holds out one writer (and so one trust) at a time.
/// </summary>
public sealed record TriageCorpus(IReadOnlyList<CorpusPost> Posts)
{
    private static readonly JsonSerializerOptions Read = new() { PropertyNameCaseInsensitive = true };

    public IReadOnlyList<string> Writers => Posts.Select(p => p.Writer).Distinct().Order(StringComparer.Ordinal).ToList();

    public static TriageCorpus Load(string folder)
    {
        var posts = new List<CorpusPost>();
        foreach (var set in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            var trustFile = Path.Combine(set, "trust.json");
            var mentionsFile = Path.Combine(set, "mentions.jsonl");
            if (!File.Exists(trustFile) || !File.Exists(mentionsFile)) continue;
            var trust = TrustProfile.Load(trustFile);
            var lineNumber = 0;
            foreach (var line in File.ReadLines(mentionsFile))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                var mention = JsonSerializer.Deserialize<MentionJson>(line, Read)
                              ?? throw new InvalidDataException($"{mentionsFile}:{lineNumber}: not a mention");
                if (mention.Expected is null || string.IsNullOrWhiteSpace(mention.Text))
                {
                    throw new InvalidDataException($"{mentionsFile}:{lineNumber}: a corpus post needs text and expected labels");
                }

                posts.Add(new CorpusPost(mention, trust, mention.Writer ?? Path.GetFileName(set)));
            }
        }

        if (posts.Count == 0) throw new InvalidDataException($"No labelled sets (trust.json + mentions.jsonl) under {folder}.");
        return new TriageCorpus(posts);
    }
}

/// <summary>One labelled post, the trust it is about, and who wrote it.</summary>
public sealed record CorpusPost(MentionJson Mention, TrustProfile Trust, string Writer)
{
    public ExpectedJson Expected => Mention.Expected!;

    /// <summary>Whether the annotators gave it <paramref name="label"/> (or, for "urgent", marked it urgent).</summary>
    public bool Has(string label) => label == TriageModel.UrgentLabel ? Expected.Urgent : Expected.Labels.Contains(label);
}
