using System.CommandLine;
using Grader.Grading.Release;

namespace Grader.Cli.Commands;

/// <summary><c>assign</c>: an assignment released as a student's kit and an autograder (FORMAT.md section 6).</summary>
public static class AssignCommand
{
    public static Command Create(CliContext ctx)
    {
        var problems = new Argument<string>("problems-dir") { Description = "the assignment's folder of specs (.yaml), e.g. problems/cs577-a2" };
        var outDir = new Option<string>("--out") { Description = "where to write student/ and autograder/", Required = true };
        var command = new Command("assign", "Release an assignment: student/ (handouts, starters, public check files, the grader as a .NET tool) and autograder/ (Gradescope's zip, GitHub Classroom's template); only autograder/ holds the answers.")
        {
            problems, outDir,
        };
        command.SetAction(r =>
        {
            var dir = r.GetValue(problems)!;
            var output = r.GetValue(outDir)!;
            if (!Directory.Exists(dir))
            {
                ctx.Error.WriteLine($"error: no such folder: {dir}");
                ctx.Error.WriteLine("    hint: give the folder of one assignment's specs, e.g. problems/cs577-a2");
                return ExitCodes.UsageOrSpecError;
            }
            if (OutFolder.Check(output, dir, dir) is { } bad)
            {
                ctx.Error.WriteLine($"error: {bad.Error}");
                ctx.Error.WriteLine($"    hint: {bad.Hint}");
                return ExitCodes.UsageOrSpecError;
            }
            var files = SpecFiles.Find(dir);
            if (files.Count == 0)
            {
                ctx.Error.WriteLine($"error: no .yaml specs in {dir}");
                return ExitCodes.UsageOrSpecError;
            }
            var loaded = files.Select(f => (File: f, Result: SpecFiles.LoadOrReport(f, ctx.Error))).ToList();
            var valid = loaded.Where(l => l.Result.IsValid).Select(l => (l.Result.Problem!, l.File)).ToList();
            var duplicates = SpecFiles.ReportDuplicateIds(valid.Select(v => v.Item1), ctx.Error);
            if (valid.Count < loaded.Count || duplicates > 0)
            {
                ctx.Error.WriteLine($"error: {loaded.Count - valid.Count} spec(s) invalid; nothing was released");
                return ExitCodes.UsageOrSpecError;
            }
            var assignment = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir)));
            var kit = AssignmentKit.Build(valid, AppContext.BaseDirectory, output, assignment);
            foreach (var note in kit.HeldBack)
            {
                ctx.Output.WriteLine($"held back: {note}");
            }
            ctx.Output.WriteLine($"student kit: {kit.StudentDir} ({valid.Count} problem(s): handouts, starters, public check files; {Path.GetFileName(kit.ToolPackage)})");
            ctx.Output.WriteLine($"autograder:  {kit.AutograderDir} (autograder.zip for Gradescope, classroom/ for GitHub Classroom): it holds the answer key, keep it private");
            ctx.Output.WriteLine($"a student installs the grader with: dotnet tool install --global {ToolPackage.Id} --add-source {kit.StudentDir}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
