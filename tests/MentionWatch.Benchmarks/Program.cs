using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using MentionWatch.Benchmarks;

// Reports go beside the benchmark project (tests/MentionWatch.Benchmarks/BenchmarkDotNet.Artifacts), not into
// whatever folder it was started from.
var artifacts = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "BenchmarkDotNet.Artifacts");
BenchmarkSwitcher.FromAssembly(typeof(ClassifyBenchmarks).Assembly)
    .Run(args, DefaultConfig.Instance.WithArtifactsPath(Path.GetFullPath(artifacts)));
