namespace MentionWatch.Bench;

/// <summary>What the bench measures with, from its command line.</summary>
public sealed record BenchSettings
{
    /// <summary>Admin connection to PostgreSQL; the bench creates (and drops) a database of its own beside it.</summary>
    public required string Postgres { get; init; }
    public required string RabbitMq { get; init; }

    /// <summary>Trust profile used by the classifier.</summary>
    public required string TrustPath { get; init; }

    /// <summary>The training corpus, whose posts make the realistic mix of the model figure.</summary>
    public string CorpusPath { get; init; } = "src/MentionWatch/Triage/Corpus";

    /// <summary>Sample mentions (JSON Lines) cycled through, each copy with an id of its own.</summary>
    public required string SamplePath { get; init; }

    /// <summary>Mentions replayed flat out through the poll path for the ingest and sustained figures.</summary>
    public int Mentions { get; init; } = 20_000;

    /// <summary>Arrival rate and duration of the latency phase.</summary>
    public int Rate { get; init; } = 200;
    public TimeSpan SteadyFor { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the single-threaded classifier phase runs.</summary>
    public TimeSpan ClassifyFor { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long the classifier runs before the measured phase, so tiered JIT has promoted its hot code.</summary>
    public TimeSpan ClassifyWarmUpFor { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Measure only (a), the classifier, which needs no servers.</summary>
    public bool ClassifierOnly { get; init; }
}
