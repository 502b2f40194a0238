using System.CommandLine;
using MentionWatch.Bench;

var mentions = new Option<int>("--mentions") { Description = "Mentions replayed flat out for the ingest and sustained figures.", DefaultValueFactory = _ => 20_000 };
var rate = new Option<int>("--rate") { Description = "Arrivals per second in the latency phase.", DefaultValueFactory = _ => 200 };
var seconds = new Option<int>("--seconds") { Description = "Length of the latency phase.", DefaultValueFactory = _ => 30 };
var trust = new Option<string>("--trust") { Description = "Trust profile JSON.", DefaultValueFactory = _ => "deploy/sample/trust.json" };
var sample = new Option<string>("--sample") { Description = "Mentions (JSON Lines) to cycle through.", DefaultValueFactory = _ => "deploy/sample/mentions.jsonl" };
var classifierOnly = new Option<bool>("--classifier-only") { Description = "Measure only the classifier, (a) and (e); needs no servers." };
var root = new RootCommand(
    "Measures MentionWatch on real PostgreSQL and RabbitMQ (ConnectionStrings__Postgres and __RabbitMq; a database is created and dropped): "
    + "classifier, ingest, end to end, catch-up, latency and memory, each throughput beside the same run's raw PostgreSQL and RabbitMQ ceilings.");
foreach (var option in new Option[] { mentions, rate, seconds, trust, sample, classifierOnly }) root.Options.Add(option);
root.SetAction(async (pr, ct) =>
{
    var postgres = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres");
    var rabbit = Environment.GetEnvironmentVariable("ConnectionStrings__RabbitMq");
    var onlyClassifier = pr.GetValue(classifierOnly);
    if (!onlyClassifier && (string.IsNullOrEmpty(postgres) || string.IsNullOrEmpty(rabbit)))
    {
        await pr.InvocationConfiguration.Error.WriteLineAsync("Set ConnectionStrings__Postgres and ConnectionStrings__RabbitMq.");
        return 2;
    }

    var settings = new BenchSettings
    {
        Postgres = postgres ?? "", RabbitMq = rabbit ?? "", ClassifierOnly = onlyClassifier, TrustPath = pr.GetValue(trust)!, SamplePath = pr.GetValue(sample)!,
        Mentions = pr.GetValue(mentions), Rate = pr.GetValue(rate), SteadyFor = TimeSpan.FromSeconds(pr.GetValue(seconds)),
    };
    var output = pr.InvocationConfiguration.Output;
    var report = await new BenchRunner(settings, output).RunAsync(ct);
    await output.WriteLineAsync();
    report.Print(output);
    return 0;
});
return await root.Parse(args).InvokeAsync();
