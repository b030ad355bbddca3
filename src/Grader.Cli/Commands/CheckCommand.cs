using System.CommandLine;
using Grader.Grading;
using Grader.Grading.Execution;
using Grader.Grading.Reports;
using Grader.Problems.Release;

namespace Grader.Cli.Commands;

public static class CheckCommand
{
    /// <param name="ctx">Its writers, the folder its paths mean, and in the check server the warm pools (else a fresh sandboxed process).</param>
    public static Command Create(CliContext ctx)
    {
        var spec = new Argument<string>("spec") { Description = "the kit's <id>.public.yaml, or the problem spec (.yaml)" };
        var submission = new Argument<string>("submission") { Description = "your submission script (.csx)" };
        var format = CommonOptions.Format(ReportFormats.All);
        var hiddenVisibility = new Option<string>("--hidden-visibility")
        {
            Description = "with --format gradescope: when hidden parts show on Gradescope",
            DefaultValueFactory = _ => "after_published",
        };
        hiddenVisibility.AcceptOnlyFromAmong([.. ReportGradescope.Visibilities]);
        var runners = new RunnerOptions.Choice();
        var studentName = StudentOption.Create("your name as your folder is named: for a problem that gives each student their own numbers");
        var command = new Command("check", "A student's pre-check. With a kit's <id>.public.yaml: everything knowable without the answer key (compiles, every part answered with the right shape, methods found and their public examples pass); values are graded on submission. With the instructor's spec: visible parts graded in detail, hidden parts as a score only.\n" + RunnerOptions.SandboxNote)
        {
            spec, submission, format, hiddenVisibility, studentName,
        };
        runners.AddTo(command);
        command.SetAction(r =>
        {
            var given = r.GetValue(submission)!;
            var file = ctx.Resolve(given);
            if (!File.Exists(file))
            {
                ctx.Error.WriteLine($"error: submission not found: {given}");
                ctx.Error.WriteLine("    hint: give the path of your .csx file, e.g. submissions/alice/regression-network.csx");
                return ExitCodes.UsageOrSpecError;
            }
            var named = r.GetValue(studentName);
            if (StudentOption.Problem(named) is { } bad)
            {
                ctx.Error.WriteLine($"error: {bad}");
                return ExitCodes.UsageOrSpecError;
            }
            var specPath = ctx.Resolve(r.GetValue(spec)!);
            var (publicSpec, isPublic) = SpecFiles.LoadPublicOrReport(specPath, ctx.Error);
            var loaded = isPublic ? null : SpecFiles.LoadOrReport(specPath, ctx.Error);
            if (publicSpec is null && loaded?.Problem is null)
            {
                return ExitCodes.UsageOrSpecError;
            }
            if ((publicSpec?.HasVariants ?? loaded!.Problem!.HasVariants) && named is null)
            {
                ctx.Error.WriteLine($"error: {publicSpec?.Id ?? loaded!.Problem!.Id} gives each student their own numbers, so check needs to know whose");
                ctx.Error.WriteLine("    hint: add --student <your name> (as on your handout: grader render <spec> --student <your name>)");
                return ExitCodes.UsageOrSpecError;
            }
            // In the check server, its warm pool (a check with --fresh-process is never forwarded to it).
            using var own = ctx.Shared is null || runners.FreshProcess(r) ? runners.Create(r, single: true) : null;
            var runner = own ?? ctx.Shared!(!runners.NoBwrap(r));
            var grader = new SubmissionGrader(runner, ExecutionLimits.Default);
            if (publicSpec is not null)
            {
                return CheckPublic(ctx, grader, publicSpec, named, file, r.GetValue(format)!);
            }
            var problem = loaded!.Problem!;
            var student = named ?? Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(file))) ?? "student";
            SubmissionReport report;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                report = grader.Grade(new GradingProblem(problem, student), student, file);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
            {
                ctx.Error.WriteLine($"internal error: the grader failed on this submission (not a fault of the submission): {ex.Message}");
                return ExitCodes.UsageOrSpecError;
            }
            var chosen = ReportFormats.Find(r.GetValue(format)!)!;
            ctx.Output.Write(chosen.One(report, new OneReport(ProblemInfo.Of(problem), clock.Elapsed.TotalSeconds, r.GetValue(hiddenVisibility)!, CiOutputs.GradedPath(file, ctx.Here))));
            // GitHub Actions' files: the reporter's result and the job summary (the student's own report).
            if (chosen == ReportFormats.Classroom)
            {
                CiOutputs.Classroom([report], ctx.Output);
            }
            CiOutputs.StepSummary(chosen == ReportFormats.Classroom ? ReportClassroom.Markdown([report]) : ReportMarkdown.Write(report));
            return report.Status == Status.Graded && report.Score >= report.MaxScore - 1e-9 ? ExitCodes.Ok : ExitCodes.NotAllCorrect;
        });
        return command;
    }

    /// <summary>The public check of a kit's file: text or JSON; exit 0 ready to submit, 1 something to fix.</summary>
    private static int CheckPublic(CliContext ctx, SubmissionGrader grader, PublicSpec spec, string? student, string file, string format)
    {
        if (format is not ("text" or "json"))
        {
            ctx.Error.WriteLine($"error: --format {format} reports a graded submission; a public check (a kit's {Path.GetFileName(spec.File)}) prints text or json");
            ctx.Error.WriteLine("    hint: leave --format out, or use --format json");
            return ExitCodes.UsageOrSpecError;
        }
        SubmissionReport report;
        try
        {
            report = grader.CheckPublic(spec, student, file);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            ctx.Error.WriteLine($"internal error: the grader failed on this submission (not a fault of the submission): {ex.Message}");
            return ExitCodes.UsageOrSpecError;
        }
        ctx.Output.Write(ReportFormats.Find(format)!.One(report, new OneReport(null)));
        return PublicCheck.IsReady(report) ? ExitCodes.Ok : ExitCodes.NotAllCorrect;
    }
}
