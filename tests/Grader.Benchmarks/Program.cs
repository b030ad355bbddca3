using System.Diagnostics;
using System.Globalization;
using Grader.Grading;
using Grader.Grading.Execution;
using Grader.Problems.Feedback;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;
using Grader.Protocol;

// Benchmarks print figures; the machines are noisy, so compare the ratios within one run, not across runs.
// Run: dotnet run -c Release --project tests/Grader.Benchmarks [-- <section>...] [-- <repo root>]
// Sections (all when none is named): engine, solve, per-student, submission, worker, batch; or `bdn` alone for BenchmarkDotNet's in-process benchmarks.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (args.FirstOrDefault() == "bdn")
{
    // BenchmarkDotNet's in-process figures (engine, specs, warm compile): -- bdn [BenchmarkDotNet's own options].
    Grader.Benchmarks.InProcess.Run(args[1..]);
    return 0;
}
string[] known = ["engine", "solve", "per-student", "submission", "worker", "batch"];
var sections = args.Where(known.Contains).ToHashSet();
bool Want(string section) => sections.Count == 0 || sections.Contains(section);
var root = args.FirstOrDefault(a => !known.Contains(a)) ?? FindRoot();
var specs = Directory.EnumerateFiles(Path.Combine(root, "problems"), "*.yaml", SearchOption.AllDirectories).Order().ToList();

if (Want("engine"))
{
    Grader.Benchmarks.EngineBench.Run();
}
if (Want("solve"))
{
    Console.WriteLine("== engine: load + validate, then solve every part (median of 50 runs)");
    foreach (var spec in specs)
    {
        var text = File.ReadAllText(spec);
        var load = Median(50, () => SpecLoader.Load(spec, text));
        var problem = Variants.ForStudent(SpecLoader.Load(spec, text).Problem!, "");
        var solve = Median(50, () => ReferenceSolver.Solve(problem));
        Console.WriteLine($"  {Path.GetFileNameWithoutExtension(spec),-22} load+validate {load,8:0.000} ms   solve {solve,8:0.000} ms");
    }

}
if (Want("per-student"))
{
    Console.WriteLine("== engine per student: naming the mistake of a wrong value part (every catalogue entry and author mistake re-evaluated), and error carried forward (median of 20)");
    foreach (var spec in specs)
    {
        var problem = Variants.ForStudent(SpecLoader.LoadFile(spec).Problem!, "bench");
        var values = ReferenceSolver.Solve(problem).Where(s => s.Part.Kind == Grader.Problems.Model.PartKind.Answer).ToList();
        if (values.Count == 0)
        {
            continue;
        }
        // What grading a wrong answer to every value part costs when nothing is cached (a variant is solved per student).
        var diagnose = Median(20, () =>
        {
            foreach (var s in values)
            {
                Diagnosis.Candidates(problem, s.Part, s.Expected!, s.Tolerance);
            }
        });
        var stepParts = values.Where(s => CarriedForward.StepAnswered(problem, s.Part) is not null).ToList();
        var carried = Median(20, () =>
        {
            foreach (var s in values)
            {
                var theirs = stepParts.Where(x => x.Part.Id != s.Part.Id)
                    .ToDictionary(x => CarriedForward.StepAnswered(problem, x.Part)!, x => new Grader.Engine.Tensor(x.Expected!.Shape.ToArray(), x.Expected!.ToArray().Select(v => v * 1.1).ToArray()));
                CarriedForward.Evaluate(problem, s.Part, theirs);
            }
        });
        Console.WriteLine($"  {Path.GetFileNameWithoutExtension(spec),-22} {values.Count,2} value parts: diagnosis {diagnose,8:0.00} ms ({diagnose / values.Count:0.00} per part)   ecf {carried,7:0.00} ms");
    }

}

var source = File.ReadAllText(Path.Combine(root, "submissions", "all-correct", "regression-network.csx"));
var problemSpec = SpecLoader.LoadFile(Path.Combine(root, "problems", "cs577-a2", "regression-network.yaml")).Problem!;
var graded = new GradingProblem(problemSpec);
var request = new RunRequest(source, "regression-network.csx", graded.Calls.ToArray(), 2000, 4000);
var runners = new List<(string Name, IExecutionRunner Runner)>
{
    ("fresh process, no bwrap", new ProcessRunner(useBubblewrap: false)),
    ("worker pool, no bwrap", new WorkerPoolRunner(useBubblewrap: false)),
};
if (Bubblewrap.IsAvailable)
{
    runners.Add(("fresh process + bwrap", new ProcessRunner(useBubblewrap: true)));
    runners.Add(("worker pool + bwrap", new WorkerPoolRunner(useBubblewrap: true)));
}
else
{
    Console.WriteLine("  (bubblewrap not available: its rows are missing)");
}

if (Want("submission"))
{
    Console.WriteLine($"== one submission: compile + run ({request.Calls.Length} method calls) in the worker, median of 10 (pool: after one warm-up)");
    var baseline = 0.0;
    foreach (var (name, runner) in runners)
    {
        runner.Run(request, ExecutionLimits.Default);
        var ms = Median(10, () => runner.Run(request, ExecutionLimits.Default));
        baseline = baseline == 0 ? ms : baseline;
        Console.WriteLine($"  {name,-24} {ms,8:0.0} ms   x{ms / baseline:0.00} of the first row");
    }

    Console.WriteLine("== a worker's start: a fresh pool's first submission (includes the compiler's warm-up), median of 3");
    foreach (var bwrap in Bubblewrap.IsAvailable ? new[] { false, true } : [false])
    {
        var ms = Median(3, () =>
        {
            using var pool = new WorkerPoolRunner(useBubblewrap: bwrap);
            pool.Run(request, ExecutionLimits.Default);
        });
        Console.WriteLine($"  {(bwrap ? "with" : "without")} bwrap: {ms:0} ms");
    }

}

if (Want("worker"))
{
    // One worker, 200 distinct texts of the shipped all-correct regression-network (a comment makes each one new),
    // with and without bubblewrap, alternating; the worker's own clock split into the first and second hundred.
    var count = int.TryParse(Environment.GetEnvironmentVariable("BENCH_WORKER_N"), out var n) && n >= 2 ? n : 200;
    Console.WriteLine($"== one worker, {count} distinct submissions in a row (its own timings, mean ms: first half | second half)");
    foreach (var bwrap in Environment.GetEnvironmentVariable("BENCH_WORKER") is { } only ? [only == "bwrap"] : Bubblewrap.IsAvailable ? new[] { false, true, false, true } : [false, false])
    {
        using var pool = new WorkerPoolRunner(useBubblewrap: bwrap);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            pool.Run(request with { Source = $"// distinct {i}\n" + source }, ExecutionLimits.Default);
        }
        var wall = clock.Elapsed.TotalMilliseconds / count;
        var t = pool.Timings.ToList();
        string Half(Func<(double Compile, double Run, double Clean), double> f) => $"{t.Take(count / 2).Average(f),6:0.0} | {t.Skip(count / 2).Average(f),6:0.0}";
        Console.WriteLine($"  {(bwrap ? "bwrap" : "no bwrap"),-9} compile {Half(x => x.Compile)}   run {Half(x => x.Run)}   proof {Half(x => x.Clean)}   wall per submission {wall:0.0} ms (worker start included)");
    }
}

if (Want("batch"))
{
    Console.WriteLine("== batch: distinct submissions (every shipped student x 4 variants, each a different text), one pass each");
    var distinct = Path.Combine(Path.GetTempPath(), "grader-bench-subs-" + Guid.NewGuid().ToString("N"));
    foreach (var student in Directory.EnumerateDirectories(Path.Combine(root, "submissions")))
    {
        for (var v = 0; v < 4; v++)
        {
            var dir = Directory.CreateDirectory(Path.Combine(distinct, $"{Path.GetFileName(student)}-{v}"));
            foreach (var f in Directory.EnumerateFiles(student))
            {
                File.WriteAllText(Path.Combine(dir.FullName, Path.GetFileName(f)), $"// variant {v}\n" + File.ReadAllText(f));
            }
        }
    }
    var problems = specs.Select(s => new GradingProblem(SpecLoader.LoadFile(s).Problem!)).ToList(); // per-student variants are made by BatchGrader
    foreach (var (name, runner) in runners.Where(r => r.Runner is WorkerPoolRunner))
    {
        var output = Path.Combine(Path.GetTempPath(), "grader-bench-" + Guid.NewGuid().ToString("N"));
        var batch = new BatchGrader(new SubmissionGrader(runner, ExecutionLimits.Default));
        var clock = Stopwatch.StartNew();
        var summary = batch.Run(problems, distinct, output);
        var seconds = clock.Elapsed.TotalSeconds;
        var pool = (WorkerPoolRunner)runner;
        var t = pool.Timings.ToList();
        Console.WriteLine($"  {name,-24} {summary.Submissions} submissions in {seconds:0.00} s = {summary.Submissions / seconds:0.0} submissions/s on {Environment.ProcessorCount} cores; workers started {pool.Started}");
        Console.WriteLine($"  {"",-24} in the worker, mean per submission: compile {t.Average(x => x.Compile):0.0} ms, run {t.Average(x => x.Run):0.0} ms, proof of cleanliness {t.Average(x => x.Clean):0.0} ms");
        Directory.Delete(output, true);
    }
    Directory.Delete(distinct, true);
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
