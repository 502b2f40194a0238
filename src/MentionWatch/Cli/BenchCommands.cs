using System.CommandLine;
using MentionWatch.Bench;

namespace MentionWatch.Cli;

/// <summary>The <c>bench</c> verb: measures the service on real servers and prints a table of figures.</summary>
internal static class BenchCommands
{
    public static IEnumerable<Command> Create(string[] hostArgs)
    {
        var mentions = new Option<int>("--mentions") { Description = "Mentions replayed flat out for the ingest and sustained figures.", DefaultValueFactory = _ => 20_000 };
        var rate = new Option<int>("--rate") { Description = "Arrivals per second in the latency phase.", DefaultValueFactory = _ => 200 };
        var seconds = new Option<int>("--seconds") { Description = "Length of the latency phase.", DefaultValueFactory = _ => 30 };
        var trust = new Option<string>("--trust") { Description = "Trust profile JSON.", DefaultValueFactory = _ => "deploy/sample/trust.json" };
        var sample = new Option<string>("--sample") { Description = "Mentions (JSON Lines) to cycle through.", DefaultValueFactory = _ => "deploy/sample/mentions.jsonl" };
        var classifierOnly = new Option<bool>("--classifier-only") { Description = "Measure only (a), classifier throughput; needs no servers." };
        var bench = new Command("bench", "Measure classifier throughput, ingest, end-to-end throughput and latency, and memory on real PostgreSQL and RabbitMQ (ConnectionStrings:Postgres and :RabbitMq; a database is created and dropped).");
        bench.TreatUnmatchedTokensAsErrors = false;
        foreach (var option in new Option[] { mentions, rate, seconds, trust, sample, classifierOnly }) bench.Options.Add(option);
        bench.SetAction(async (pr, ct) =>
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables()
                .AddCommandLine(hostArgs.Where(a => a.StartsWith("--ConnectionStrings", StringComparison.Ordinal)).ToArray()).Build();
            var postgres = configuration.GetConnectionString("Postgres");
            var rabbit = configuration.GetConnectionString("RabbitMq");
            var onlyClassifier = pr.GetValue(classifierOnly);
            if (!onlyClassifier && (postgres is null || rabbit is null))
            {
                await pr.InvocationConfiguration.Error.WriteLineAsync("Set ConnectionStrings:Postgres and ConnectionStrings:RabbitMq (or ConnectionStrings__Postgres/__RabbitMq).");
                return 2;
            }

            var settings = new BenchSettings
            {
                Postgres = postgres ?? "", RabbitMq = rabbit ?? "", ClassifierOnly = onlyClassifier, TrustPath = pr.GetValue(trust)!, SamplePath = pr.GetValue(sample)!,
                Mentions = pr.GetValue(mentions), Rate = pr.GetValue(rate), SteadyFor = TimeSpan.FromSeconds(pr.GetValue(seconds)),
            };
            var output = pr.InvocationConfiguration.Output;
            var figures = await new BenchRunner(settings, output).RunAsync(ct);
            await output.WriteLineAsync();
            BenchRunner.Print(figures, output);
            return 0;
        });
        return [bench];
    }
}
