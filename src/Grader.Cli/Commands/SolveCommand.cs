using System.CommandLine;
using Grader.Problems.Expressions;
using Grader.Problems.Feedback;
using Grader.Problems.Solving;

namespace Grader.Cli.Commands;

public static class SolveCommand
{
    public static Command Create(CliContext ctx)
    {
        var spec = new Argument<string>("spec") { Description = "a problem spec (.yaml)" };
        var format = CommonOptions.Format();
        var student = StudentOption.Create("solve this student's variant (for a spec with per-student givens)");
        var command = new Command("solve", "Print the reference answer of every part of a spec.") { spec, format, student };
        command.SetAction(r =>
        {
            var loaded = SpecFiles.LoadOrReport(r.GetValue(spec)!, ctx.Error);
            if (loaded.Problem is not { } problem)
            {
                return ExitCodes.UsageOrSpecError;
            }
            var name = r.GetValue(student);
            if (StudentOption.Problem(name) is { } bad)
            {
                ctx.Error.WriteLine($"error: {bad}");
                return ExitCodes.UsageOrSpecError;
            }
            if (problem.HasVariants && name is null)
            {
                ctx.Error.WriteLine($"note: {problem.Id} draws some givens per student; these are the answers of the copy of no student (--student <name> gives a student's)");
            }
            problem = Variants.ForStudent(problem, name ?? "");
            IReadOnlyList<PartSolution> solution;
            try
            {
                solution = ReferenceSolver.Solve(problem);
            }
            catch (ExprException ex)
            {
                // Validation runs the same computations, so this is the grader's own fault; still a clean exit 2.
                ctx.Error.WriteLine(ex.ToSpecError());
                return ExitCodes.UsageOrSpecError;
            }
            ctx.Output.Write(r.GetValue(format) == "json" ? SolutionWriter.Json(problem, solution) + "\n" : SolutionWriter.Text(problem, solution));
            return ExitCodes.Ok;
        });
        return command;
    }
}
