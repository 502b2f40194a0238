using BenchmarkDotNet.Running;
using MentionWatch.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(ClassifyBenchmarks).Assembly).Run(args);
