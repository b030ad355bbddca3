using System.Diagnostics;
using System.Globalization;
using Grader.Grading;
using Grader.Grading.Execution;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;
using Grader.Runtime;
using Grader.Scripting;

// Benchmarks print figures; the machines are noisy, so compare the ratios within one run, not across runs.
// Run: dotnet run -c Release --project tests/Grader.Benchmarks [-- <repo root>]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var root = args.Length > 0 ? args[0] : FindRoot();
var specs = Directory.EnumerateFiles(Path.Combine(root, "problems"), "*.yaml", SearchOption.AllDirectories).Order().ToList();

Console.WriteLine("== engine: load + validate, then solve every part (median of 50 runs)");
foreach (var spec in specs)
{
    var text = File.ReadAllText(spec);
    var load = Median(50, () => SpecLoader.Load(spec, text));
    var problem = SpecLoader.Load(spec, text).Problem!;
    var solve = Median(50, () => ReferenceSolver.Solve(problem));
    Console.WriteLine($"  {Path.GetFileNameWithoutExtension(spec),-22} load+validate {load,8:0.000} ms   solve {solve,8:0.000} ms");
}

var source = File.ReadAllText(Path.Combine(root, "submissions", "all-correct", "regression-network.csx"));
Console.WriteLine("== compile (Roslyn script compilation + policy + emit)");
var first = Stopwatch.StartNew();
var compiled = ScriptCompiler.Compile(source, "regression-network.csx");
Console.WriteLine($"  first submission: {first.Elapsed.TotalMilliseconds:0} ms (cold Roslyn)");
var warmCompile = Median(30, () => ScriptCompiler.Compile(source, "regression-network.csx"));
Console.WriteLine($"  warm, per submission: {warmCompile:0.0} ms");

var problemSpec = SpecLoader.LoadFile(Path.Combine(root, "problems", "cs577-a2", "regression-network.yaml")).Problem!;
var graded = new GradingProblem(problemSpec);
var request = new RunRequest(compiled.Assembly!, graded.Calls.ToArray(), 2000, 4000);
Console.WriteLine($"== run one submission ({request.Calls.Length} method calls), median of 20");
var runners = new List<(string Name, IExecutionRunner Runner)>
{
    ("in-process", new InProcessRunner()),
    ("process, no bwrap", new ProcessRunner(useBubblewrap: false)),
};
runners.Add(("worker pool, no bwrap", new WorkerPoolRunner(useBubblewrap: false)));
if (Bubblewrap.IsAvailable)
{
    runners.Add(("bubblewrap", new ProcessRunner(useBubblewrap: true)));
    runners.Add(("worker pool + bwrap", new WorkerPoolRunner(useBubblewrap: true)));
}
else
{
    Console.WriteLine("  (bubblewrap not available: its row is missing)");
}
var baseline = 0.0;
foreach (var (name, runner) in runners)
{
    runner.Run(request, ExecutionLimits.Default);
    var ms = Median(20, () => runner.Run(request, ExecutionLimits.Default));
    baseline = baseline == 0 ? ms : baseline;
    Console.WriteLine($"  {name,-20} {ms,8:0.0} ms   x{ms / baseline:0.0} of in-process");
}

Console.WriteLine("== memory over 500 compile + run cycles in this process (collectible load contexts)");
var cycleRunner = new InProcessRunner();
for (var i = 1; i <= 500; i++)
{
    var c = ScriptCompiler.Compile(source, "regression-network.csx");
    cycleRunner.Run(new RunRequest(c.Assembly!, graded.Calls.ToArray(), 2000, 4000), ExecutionLimits.Default);
    if (i is 1 or 100 or 250 or 500)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var loaded = AppDomain.CurrentDomain.GetAssemblies().Count(a => a.GetName().Name?.StartsWith("submission-", StringComparison.Ordinal) == true);
        Console.WriteLine($"  after {i,3}: managed heap {GC.GetTotalMemory(false) / 1048576.0,6:0.0} MiB, working set {Environment.WorkingSet / 1048576.0,6:0.0} MiB, submission assemblies still loaded {loaded}");
    }
}

Console.WriteLine("== batch: shipped problems x shipped submissions (one pass each)");
foreach (var (name, runner) in runners)
{
    var output = Path.Combine(Path.GetTempPath(), "grader-bench-" + Guid.NewGuid().ToString("N"));
    var batch = new BatchGrader(new SubmissionGrader(runner, ExecutionLimits.Default));
    var problems = specs.Select(s => new GradingProblem(SpecLoader.LoadFile(s).Problem!)).ToList();
    var clock = Stopwatch.StartNew();
    var summary = batch.Run(problems, Path.Combine(root, "submissions"), output);
    Console.WriteLine($"  {name,-20} {summary.Submissions} submissions in {clock.Elapsed.TotalSeconds:0.00} s = {clock.Elapsed.TotalMilliseconds / summary.Submissions:0.0} ms each on {Environment.ProcessorCount} cores");
    Directory.Delete(output, true);
}
return 0;

static double Median(int n, Action action)
{
    var times = new double[n];
    for (var i = 0; i < n; i++)
    {
        var sw = Stopwatch.StartNew();
        action();
        times[i] = sw.Elapsed.TotalMilliseconds;
    }
    Array.Sort(times);
    return times[n / 2];
}

static string FindRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Grader.sln")))
    {
        dir = dir.Parent;
    }
    return dir?.FullName ?? Directory.GetCurrentDirectory();
}
