using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MentionWatch.Mentions;
using MentionWatch.Triage;
using MentionWatch.Triage.Evaluation;

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

    public static IEnumerable<Command> Create() => [CreateClassify(), CreateEval()];

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
        var trust = new Option<string>("--trust") { Description = "Trust profile JSON (shared/eval/FORMAT.md shape).", Required = true };
        var set = new Option<string>("--set") { Description = "Labelled mentions, JSON Lines with 'expected'.", Required = true };
        var command = new Command("eval", "Score the classifier on a labelled set: per-label precision/recall/F1, urgent recall, misses, throughput.");
        command.Options.Add(trust);
        command.Options.Add(set);
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var engine = TriageEngine.Create(TrustProfile.Load(pr.GetValue(trust)!));
            var mentions = await ReadLabelledAsync(pr.GetValue(set)!, ct);
            var report = TriageEvaluator.Evaluate(engine, mentions);
            report.WriteTo(Console.Out, engine.Version);
            return 0;
        });
        return command;
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

        var result = engine.Classify(TriageInput.From(mention));
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
