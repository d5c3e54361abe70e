using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace FunctionsSender.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Contains("--quick"))
        {
            // Short in-process run (like Job.ShortRun, but no generated project to build): 3 warm-up + 3 measured
            // iterations. Three warm-ups, not one: on a busy 2-core machine the background tier-1 JIT is starved and
            // the first benchmark was still partly measured on unoptimized code after a single warm-up.
            // Good enough for orders of magnitude; use the default job (no --quick) for publishable numbers.
            var job = Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(3)
                .WithId("Quick");
            var config = DefaultConfig.Instance
                .AddJob(job)
                .AddDiagnoser(MemoryDiagnoser.Default);
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
                .Run([.. args.Where(a => a != "--quick"), .. args.Contains("--filter") ? Array.Empty<string>() : ["--filter", "*"]], config);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
