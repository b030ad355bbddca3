using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Grader.Engine;
using Grader.Problems.Feedback;
using Grader.Problems.Model;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;

namespace Grader.Benchmarks;

/// <summary>
/// The in-process figures through BenchmarkDotNet: the engine on the MLP and the seed-sized network, each shipped
/// spec's load, solve and diagnosis, and Roslyn's warm compile of a submission in process (what a worker's compile
/// costs once its compiler is warm). Run: dotnet run -c Release --project tests/Grader.Benchmarks -- bdn [--filter *Engine*].
/// In process (no child project is built), a short run: the figures are for ratios, not for the third digit.
/// </summary>
public static class InProcess
{
    public static void Run(string[] args)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkSwitcher.FromTypes([typeof(EngineBenchmarks), typeof(SpecBenchmarks), typeof(CompileBenchmarks)])
            .Run(args.Length == 0 ? ["--filter", "*"] : args, config);
    }

    internal static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Grader.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}

/// <summary>Forward and backward, float64: the MLP 784-256-10 with a batch of 64, and a 2-3-1 network on one sample.</summary>
public class EngineBenchmarks
{
    [Params("mlp-784-256-10-batch-64", "seed-2-3-1")]
    public string Network { get; set; } = "";

    private Action _once = () => { };

    [GlobalSetup]
    public void Setup()
    {
        var (n, h, o, batch) = Network.StartsWith("mlp", StringComparison.Ordinal) ? (784, 256, 10, 64) : (2, 3, 1, 1);
        _once = EngineBench.ForwardBackward(n, h, o, batch);
    }

    [Benchmark]
    public void ForwardBackward() => _once();
}

/// <summary>Per shipped spec: load and validate; solve every part; name the mistake of every value part (nothing cached).</summary>
public class SpecBenchmarks
{
    public static IEnumerable<string> Specs() =>
        Directory.EnumerateFiles(Path.Combine(InProcess.Root, "problems"), "*.yaml", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    [ParamsSource(nameof(Specs))]
    public string Spec { get; set; } = "";

    private string _path = "";
    private string _text = "";
    private Problem _problem = null!;
    private List<PartSolution> _values = [];

    [GlobalSetup]
    public void Setup()
    {
        _path = Directory.EnumerateFiles(Path.Combine(InProcess.Root, "problems"), Spec + ".yaml", SearchOption.AllDirectories).Single();
        _text = File.ReadAllText(_path);
        _problem = Variants.ForStudent(SpecLoader.Load(_path, _text).Problem!, "bench");
        _values = [.. ReferenceSolver.Solve(_problem).Where(s => s.Part.Kind == PartKind.Answer)];
    }

    [Benchmark]
    public object LoadAndValidate() => SpecLoader.Load(_path, _text);

    [Benchmark]
    public object Solve() => ReferenceSolver.Solve(_problem);

    [Benchmark]
    public int DiagnoseEveryValuePart()
    {
        var n = 0;
        foreach (var s in _values)
        {
            n += Diagnosis.Candidates(_problem, s.Part, s.Expected!, s.Tolerance).Count;
        }
        return n;
    }
}

/// <summary>
/// Roslyn's compile of a shipped submission in a warm process: bounds, parse, policy, compile and emit, as a worker
/// does it (each iteration a new text, so that nothing can be reused). Roslyn is JIT-compiled as it goes: 300
/// compiles first, so that the figure is a warm worker's.
/// </summary>
[IterationCount(5)]
public class CompileBenchmarks
{
    [Params("all-correct/regression-network", "all-correct/relu-network", "compile-error/regression-network")]
    public string Submission { get; set; } = "";

    private string _source = "";
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        _source = File.ReadAllText(Path.Combine(InProcess.Root, "submissions", Submission + ".csx"));
        // As warm as a worker after a few hundred students: Roslyn's hot methods at the JIT's optimised tier.
        for (var i = 0; i < 300; i++)
        {
            Compile();
        }
    }

    [Benchmark]
    public object Compile() => Grader.Scripting.ScriptCompiler.Compile($"// {_i++}\n" + _source, "submission.csx");
}
