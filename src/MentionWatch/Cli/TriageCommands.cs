using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MentionWatch.Mentions;
using MentionWatch.Triage;
using MentionWatch.Triage.Evaluation;
using MentionWatch.Triage.Model;

namespace MentionWatch.Cli;

/// <summary>
/// The <c>classify</c> and <c>eval</c> verbs. Their output is the contract the engine is judged by.
/// <c>classify</c> streams: one verdict line per input line, in order. A line that is not a mention (bad JSON, no
/// <c>text</c>) gives a verdict with an <c>error</c> field; a blank line in the middle of the input gives an error
/// line too (so output line N always answers input line N), while blank lines at the very end are ignored.
/// </summary>
internal static partial class TriageCommands
{
    private static readonly JsonSerializerOptions ReadOptions = new() { PropertyNameCaseInsensitive = true };
    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = false };

    public static IEnumerable<Command> Create() => [CreateClassify(), CreateEval(), CreateTriage()];

    private static Command CreateClassify()
    {
        var trust = new Option<string>("--trust") { Description = "Trust profile JSON (shared/eval/FORMAT.md shape).", Required = true };
        var input = new Option<string>("--in") { Description = "Mentions, JSON Lines; '-' for standard input.", Required = true };
        var output = new Option<string>("--out") { Description = "Verdicts, JSON Lines; '-' for standard output.", Required = true };
        var command = new Command("classify", "Classify every mention of a JSON Lines file: one verdict line per input line.");
        command.Options.Add(trust);
        command.Options.Add(input);
        command.Options.Add(output);
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var engine = TriageEngine.Create(TrustProfile.Load(pr.GetValue(trust)!));
            var inPath = pr.GetValue(input)!;
            var outPath = pr.GetValue(output)!;
            using var reader = inPath == "-" ? new StreamReader(Console.OpenStandardInput(), Encoding.UTF8) : new StreamReader(inPath, Encoding.UTF8);
            await using var writer = outPath == "-"
                ? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false))
                : new StreamWriter(outPath, false, new UTF8Encoding(false));
            await ClassifyAsync(engine, reader, writer, ct);
            return 0;
        });
        return command;
    }

    private static Command CreateEval()
    {
        var trust = new Option<string?>("--trust") { Description = "Trust profile JSON (shared/eval/FORMAT.md shape)." };
        var set = new Option<string?>("--set") { Description = "Labelled mentions, JSON Lines with 'expected'." };
        var cache = new Option<string?>("--embedding-cache") { Description = "With --lowo: a file that keeps the corpus's embeddings between runs." };
        var lowo = new Option<bool>("--lowo") { Description = "Leave-one-writer-out cross-validation on the training corpus instead of one set." };
        var corpus = new Option<string?>("--corpus") { Description = "With --lowo: the folder of labelled sets (default: this checkout's corpus)." };
        var rulesOnly = new Option<bool>("--rules-only") { Description = "Score the rules alone, without the learned model." };
        var command = new Command("eval", "Score the classifier on a labelled set (per-label precision/recall/F1, urgent recall, misses, throughput), or on held-out writers with --lowo.");
        command.Options.Add(trust);
        command.Options.Add(set);
        command.Options.Add(lowo);
        command.Options.Add(corpus);
        command.Options.Add(rulesOnly);
        command.Options.Add(cache);
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            if (pr.GetValue(lowo))
            {
                var cv = CrossValidation.Run(TriageCorpus.Load(pr.GetValue(corpus) ?? CheckoutPath("src/MentionWatch/Triage/Corpus")), new TextEmbedder(cacheLimit: int.MaxValue), line => Console.Error.WriteLine(line), pr.GetValue(cache), ct);
                foreach (var line in cv.Lines()) Console.WriteLine(line);
                return 0;
            }

            if (pr.GetValue(trust) is not { } trustPath || pr.GetValue(set) is not { } setPath)
            {
                Console.Error.WriteLine("eval needs --trust and --set, or --lowo.");
                return 2;
            }

            var engine = TriageEngine.Create(TrustProfile.Load(trustPath));
            var mentions = await ReadLabelledAsync(setPath, ct);
            var classifier = pr.GetValue(rulesOnly) ? TriageClassifier.RulesOnly : TriageClassifier.Default;
            var report = classifier.Model is null ? TriageEvaluator.Evaluate(engine, mentions) : TriageEvaluator.Evaluate(classifier, engine, mentions);
            report.WriteTo(Console.Out, classifier.Version(engine));
            return 0;
        });
        return command;
    }

    private static Command CreateTriage()
    {
        var corpus = new Option<string?>("--corpus") { Description = "Folder of labelled sets (default: src/MentionWatch/Triage/Corpus of this checkout)." };
        var output = new Option<string?>("--out") { Description = "Model file to write (default: src/MentionWatch/Triage/Model/triage-model.json.gz)." };
        var cache = new Option<string?>("--embedding-cache") { Description = "A file that keeps the corpus's embeddings between runs (embedding is most of the time)." };
        var train = new Command("train", "Train the learned model on the corpus, print its leave-one-writer-out figures and write the model file.");
        train.Options.Add(corpus);
        train.Options.Add(output);
        train.Options.Add(cache);
        train.SetAction((ParseResult pr, CancellationToken ct) => Task.Run(() =>
        {
            var folder = pr.GetValue(corpus) ?? CheckoutPath("src/MentionWatch/Triage/Corpus");
            var outPath = pr.GetValue(output) ?? CheckoutPath("src/MentionWatch/Triage/Model/triage-model.json.gz");
            var set = TriageCorpus.Load(folder);
            var cv = CrossValidation.Run(set, new TextEmbedder(cacheLimit: int.MaxValue), line => Console.Error.WriteLine(line), pr.GetValue(cache), ct);
            var lines = cv.Lines();
            foreach (var line in lines) Console.WriteLine(line);
            var model = ModelTrainer.Train(set, cv.Features, cv.Thresholds, ModelTrainer.VersionOf(folder, cv.Thresholds), lines);
            using (var file = File.Create(outPath)) model.Save(file);
            Console.WriteLine($"model {model.Version} written to {outPath} ({new FileInfo(outPath).Length / 1024} KiB); rebuild the service to ship it");
            return 0;
        }, ct));
        var exportTo = new Option<string>("--out") { Description = "Folder to write the corrections set into (mentions.jsonl and the trust's profile as trust.json).", Required = true };
        var export = new Command("export-corrections", "Write every reclassification made by staff in the web app as a labelled set for the next training (personal data: keep it with the trust).");
        export.Options.Add(exportTo);
        export.TreatUnmatchedTokensAsErrors = false;
        export.SetAction(async (pr, ct) =>
        {
            var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddJsonFile("appsettings.json", optional: true)
                .AddEnvironmentVariables().AddCommandLine(pr.UnmatchedTokens.ToArray()).Build();
            var connectionString = configuration.GetConnectionString("Postgres");
            var profilePath = configuration["Trust:ProfilePath"];
            if (connectionString is null || profilePath is null)
            {
                await pr.InvocationConfiguration.Error.WriteLineAsync("error: ConnectionStrings:Postgres and Trust:ProfilePath must be set.");
                return 2;
            }

            var folder = Directory.CreateDirectory(pr.GetValue(exportTo)!).FullName;
            File.Copy(profilePath, Path.Combine(folder, "trust.json"), overwrite: true);
            await using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
            await using var output = new StreamWriter(Path.Combine(folder, "mentions.jsonl"), false, new UTF8Encoding(false));
            var written = await CorrectionsExport.WriteAsync(dataSource, output, ct);
            await pr.InvocationConfiguration.Output.WriteLineAsync($"{written} corrections written to {folder}; put the folder beside the corpus sets and run triage train.");
            return 0;
        });
        var triage = new Command("triage", "The learned half of triage: train it on the labelled corpus; export staff corrections for the next training.");
        triage.Subcommands.Add(train);
        triage.Subcommands.Add(export);
        return triage;
    }

    /// <summary>A path inside this checkout, found by walking up from the current folder to MentionWatch.sln.</summary>
    private static string CheckoutPath(string relative)
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MentionWatch.sln"))) return Path.Combine(dir.FullName, relative);
        }

        throw new InvalidOperationException($"Run this from inside a MentionWatch checkout, or give the path: {relative} not found.");
    }

    /// <summary>Reads a labelled set, skipping lines that are not mentions (eval scores what it can read).</summary>
    internal static async Task<IReadOnlyList<MentionJson>> ReadLabelledAsync(string path, CancellationToken ct)
    {
        var mentions = new List<MentionJson>();
        foreach (var line in await File.ReadAllLinesAsync(path, ct))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize<MentionJson>(line, ReadOptions) is { } mention)
                {
                    mentions.Add(mention);
                }
            }
            catch (JsonException)
            {
                // A broken line cannot be scored; classify reports such lines, eval just leaves them out.
            }
        }

        return mentions;
    }

    /// <summary>The classify loop: reads JSON Lines from <paramref name="reader"/>, writes one verdict per line.</summary>
    internal static async Task ClassifyAsync(TriageEngine engine, TextReader reader, TextWriter writer, CancellationToken ct)
    {
        var pendingBlank = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                pendingBlank++;
                continue;
            }

            for (; pendingBlank > 0; pendingBlank--)
            {
                await WriteAsync(writer, new VerdictJson { Id = null, Error = "empty line: not a mention" });
            }

            await WriteAsync(writer, ClassifyLine(engine, line));
        }

        await writer.FlushAsync(ct);
    }

    internal static VerdictJson ClassifyLine(TriageEngine engine, string line)
    {
        MentionJson? mention;
        try
        {
            mention = JsonSerializer.Deserialize<MentionJson>(line, ReadOptions);
        }
        catch (JsonException ex)
        {
            return new VerdictJson { Id = BestEffortId(line), Error = $"malformed JSON: {ex.Message}" };
        }
        catch (NotSupportedException ex)
        {
            return new VerdictJson { Id = BestEffortId(line), Error = $"unsupported JSON: {ex.Message}" };
        }

        if (mention is null)
        {
            return new VerdictJson { Id = null, Error = "not a JSON object" };
        }

        if (mention.Text is null)
        {
            return new VerdictJson { Id = mention.Id, Error = "mention has no 'text' field" };
        }

        var result = TriageClassifier.Default.Classify(engine, TriageInput.From(mention));
        return new VerdictJson
        {
            Id = mention.Id,
            Labels = result.Labels,
            Urgent = result.Urgent,
            Reasons = result.Reasons,
            ClassifierVersion = result.ClassifierVersion,
        };
    }

    private static Task WriteAsync(TextWriter writer, VerdictJson verdict) =>
        writer.WriteLineAsync(JsonSerializer.Serialize(verdict, WriteOptions));

    private static string? BestEffortId(string line)
    {
        var scanned = line.Length > 4096 ? line[..4096] : line;
        var match = IdField().Match(scanned);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("\"id\"\\s{0,10}:\\s{0,10}\"([^\"\\\\]{1,200})\"", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IdField();
}
