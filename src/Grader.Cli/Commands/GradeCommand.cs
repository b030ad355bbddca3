using System.CommandLine;
using System.Globalization;
using Grader.Grading;
using Grader.Grading.Execution;
using Grader.Grading.Reports;
using Grader.Problems.Expressions;
using Grader.Problems.Model;

namespace Grader.Cli.Commands;

public static class GradeCommand
{
    public static Command Create(CliContext ctx)
    {
        var problems = new Argument<string>("problems-dir") { Description = "a folder of problem specs (searched recursively)" };
        var submissions = new Argument<string>("submissions-dir") { Description = "one folder per student, holding <problem-id>.csx files" };
        var output = new Option<string>("--out") { Description = "where reports and gradebook.csv go", Required = true };
        var quiet = new Option<bool>("--quiet") { Description = "print only the closing summary (and errors)" };
        var formats = new Option<string[]>("--format")
        {
            Description = "more outputs besides gradebook.csv and index.html (several, or comma-separated): "
                + ReportFormats.Describe(ReportFormats.ForClass),
            AllowMultipleArgumentsPerToken = true,
        };
        var shard = new Option<string>("--shard") { Description = "grade only share k of N (k/N): students split by a stable hash of their folder name; combine with `grader merge`" };
        var jobs = new Option<int>("--jobs") { Description = "submissions graded at once (default: the number of cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var runners = new RunnerOptions.Choice();
        var command = new Command("grade", "Batch-grade every student x every problem; a report per submission (JSON and Markdown) and gradebook.csv. "
            + "Started again with the same arguments, it resumes where it stopped.\n" + RunnerOptions.SandboxNote)
        {
            problems, submissions, output, quiet, formats, shard, jobs,
        };
        runners.AddTo(command);
        command.SetAction(r =>
        {
            var problemsDir = r.GetValue(problems)!;
            var submissionsDir = r.GetValue(submissions)!;
            foreach (var (dir, what) in new[] { (problemsDir, "problems"), (submissionsDir, "submissions") })
            {
                if (!Directory.Exists(dir))
                {
                    ctx.Error.WriteLine($"error: the {what} folder does not exist: {dir}");
                    return ExitCodes.UsageOrSpecError;
                }
            }
            var chosen = (r.GetValue(formats) ?? []).SelectMany(f => f.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var known = ReportFormats.ForClass.Select(f => f.Name).ToList();
            if (chosen.FirstOrDefault(f => !known.Contains(f)) is { } unknown)
            {
                var one = ReportFormats.Find(unknown) is { } f ? $"`{f.Name}` is a report of one submission (check --format {f.Name})" : $"unknown --format `{Escape.Line(unknown)}`";
                ctx.Error.WriteLine($"error: {one}");
                ctx.Error.WriteLine($"    hint: choose from {string.Join(", ", known)} ({string.Join(" and ", ReportFormats.ForClass.Where(f => f.AlwaysForClass).Select(f => f.Name))} are always written)");
                return ExitCodes.UsageOrSpecError;
            }
            Shard? share = null;
            if (r.GetValue(shard) is { } shardText && (share = Shard.Parse(shardText, out var shardError)) is null)
            {
                ctx.Error.WriteLine($"error: {shardError}");
                ctx.Error.WriteLine("    hint: run the shards 1/N to N/N, then `grader merge <out1> <out2> ... --out <dir>`");
                return ExitCodes.UsageOrSpecError;
            }
            var parallelism = r.GetValue(jobs);
            if (parallelism is < 1 or > 256)
            {
                ctx.Error.WriteLine($"error: --jobs must be from 1 to 256, not {parallelism}");
                ctx.Error.WriteLine("    hint: --jobs 1 grades one submission at a time");
                return ExitCodes.UsageOrSpecError;
            }
            var outDir = r.GetValue(output)!;
            if (OutFolder.Check(outDir, problemsDir, submissionsDir) is var (error, hint))
            {
                ctx.Error.WriteLine($"error: {error}");
                ctx.Error.WriteLine($"    hint: {hint}");
                return ExitCodes.UsageOrSpecError;
            }
            var loaded = new List<GradingProblem>();
            var bad = 0;
            foreach (var file in SpecFiles.Find(problemsDir))
            {
                var result = SpecFiles.LoadOrReport(file, ctx.Error);
                if (result.Problem is { } p && Solved(p, ctx.Error) is { } solved)
                {
                    loaded.Add(solved);
                }
                else
                {
                    bad++;
                }
            }
            bad += SpecFiles.ReportDuplicateIds(loaded.Select(p => p.Problem), ctx.Error);
            if (bad > 0 || loaded.Count == 0)
            {
                ctx.Error.WriteLine(loaded.Count == 0 && bad == 0 ? $"error: no .yaml specs in {problemsDir}" : "nothing was graded: fix the specs above first");
                return ExitCodes.UsageOrSpecError;
            }
            using var runner = runners.Create(r);
            var terminal = ProgressDisplay.Create(r.GetValue(quiet), ctx.Output);
            // Compiled submissions by content, beside the reports: a regrade after a spec fix compiles nothing.
            var cache = new CompileCache(Path.Combine(outDir, ClassOutputs.CompileCacheFolder, "compiled"));
            var batch = new BatchGrader(new SubmissionGrader(runner, ExecutionLimits.Default) { CompileCache = cache })
            {
                Shard = share,
                Formats = chosen,
                Parallelism = parallelism,
                Progress = terminal.Report,
            };
            var summary = terminal.Run(() => batch.Run(loaded, submissionsDir, outDir));
            // Bounded: the entries used longest ago go once the folder holds more than its limit.
            var trimmed = cache.Trim();
            if (batch.Last is var (students, reports))
            {
                var infos = loaded.Select(p => Grader.Grading.Reports.ProblemInfo.Of(p.Problem)).ToList();
                if (chosen.Contains("classroom"))
                {
                    // GitHub Classroom grades one student's repository: their own report goes to the log and the job
                    // summary, and the result to the reporter.
                    var own = students.SelectMany(s => infos.Select(p => reports.TryGetValue((s, p.Id), out var x) ? x : null)).OfType<SubmissionReport>().ToList();
                    if (students.Count > 1)
                    {
                        ctx.Error.WriteLine($"warning: --format classroom is one student's result, and {students.Count} students were graded: their parts are named <student>/<problem>/<part> in one result");
                    }
                    ctx.Output.Write(ReportClassroom.Text(own));
                    ctx.Output.WriteLine();
                    CiOutputs.StepSummary(ReportClassroom.Markdown(own));
                    CiOutputs.Classroom(own, ctx.Output);
                }
                else
                {
                    CiOutputs.StepSummary(ClassSummaryMarkdown.Write(students, infos, reports));
                }
            }
            var inv = CultureInfo.InvariantCulture;
            ctx.Output.WriteLine(string.Create(inv,
                $"graded {summary.Submissions} submissions ({summary.Students} students x {summary.Problems} problems; {summary.Graded} graded now, {summary.Resumed} resumed) in {summary.Elapsed.TotalSeconds:0.0} s"));
            ctx.Output.WriteLine(string.Create(inv, $"mean score {summary.MeanScore:0.##} / {summary.MaxScore:0.##}"));
            ctx.Output.WriteLine("by status: " + string.Join(", ", summary.ByStatus.Select(kv => $"{kv.Key} {kv.Value}")));
            ctx.Output.WriteLine($"reports: {outDir}/<student>/<problem>.json and .md; gradebook: {Path.Combine(outDir, ClassOutputs.GradebookFile)}; class report: {Path.Combine(outDir, ClassOutputs.ClassReportFile)}"
                + (share is null ? "" : $" (shard {share}: merge the shards with `grader merge`)"));
            if (cache.Hits + cache.Stored > 0)
            {
                ctx.Output.WriteLine($"compile cache ({Path.Combine(outDir, ClassOutputs.CompileCacheFolder)}): {cache.Hits} compiled before, {cache.Stored} kept now"
                    + (trimmed > 0 ? $", {trimmed} used longest ago removed (the cache keeps at most {cache.MaxBytes / (1024 * 1024)} MiB)" : ""));
            }
            // Say which folders were not taken for students, by name.
            var leftOut = BatchGrader.LeftOut(submissionsDir);
            var hidden = leftOut.Where(s => s.StartsWith('.')).ToList();
            if (hidden.Count > 0)
            {
                ctx.Output.WriteLine($"not graded: {hidden.Count} folder(s) whose names start with '.' ({string.Join(", ", hidden.Take(5).Select(Grader.Grading.Reports.Escape.Line))}{(hidden.Count > 5 ? ", ..." : "")}); rename a student's folder to grade it");
            }
            foreach (var name in leftOut.Where(ClassOutputs.IsReserved))
            {
                ctx.Error.WriteLine($"warning: the folder `{Escape.Line(name)}` in {submissionsDir} was not graded: {ClassOutputs.ReservedNote}");
                ctx.Error.WriteLine($"    hint: rename it (e.g. `{Escape.Line(name)}-student`) and grade again; the other students are graded");
            }
            ctx.Output.WriteLine($"submissions ran {runner.Description}");
            if (runner is WorkerPoolRunner pool)
            {
                var unclean = pool.RecycleNotes.GroupBy(n => n).Select(g => $"{g.Count()} x {g.Key}");
                ctx.Output.WriteLine($"workers: {pool.Started} started" + (pool.RecycleNotes.Count > 0 ? $"; replaced after a run that left something behind: {string.Join("; ", unclean)}" : ""));
            }
            foreach (var failure in summary.WriteFailures)
            {
                ctx.Error.WriteLine($"error: could not write {failure}");
            }
            if (summary.WriteFailures.Count > 0)
            {
                ctx.Error.WriteLine("    hint: every report and the other class files were written; free the path (or the disk) and run grade again: finished reports are resumed");
                return ExitCodes.OutputsIncomplete;
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The problem with its answers. A spec that validated solves (validation runs the same computations), so a
    /// failure here is the grader's own: it is reported as the spec's error, and nothing is graded.
    /// </summary>
    private static GradingProblem? Solved(Problem problem, TextWriter err)
    {
        try
        {
            return new GradingProblem(problem);
        }
        catch (ExprException ex)
        {
            err.WriteLine(ex.ToSpecError());
            err.WriteLine($"{problem.File}: validated but could not be solved; nothing is graded with it");
            return null;
        }
    }
}
