using System.CommandLine;
using Grader.Problems.Expressions;
using Grader.Problems.Solving;

namespace Grader.Cli.Commands;

public static class SolveCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "a problem spec (.yaml)" };
        var format = CommonOptions.Format();
        var command = new Command("solve", "Print the reference answer of every part of a spec.") { spec, format };
        command.SetAction(r =>
        {
            var loaded = SpecFiles.LoadOrReport(r.GetValue(spec)!, Console.Error);
            if (loaded.Problem is not { } problem)
            {
                return ExitCodes.UsageOrSpecError;
            }
            IReadOnlyList<PartSolution> solution;
            try
            {
                solution = ReferenceSolver.Solve(problem);
            }
            catch (ExprException ex)
            {
                // Validation runs the same computations, so this is the grader's own fault; still a clean exit 2.
                Console.Error.WriteLine(ex.ToSpecError());
                return ExitCodes.UsageOrSpecError;
            }
            Console.Out.Write(r.GetValue(format) == "json" ? SolutionWriter.Json(problem, solution) + "\n" : SolutionWriter.Text(problem, solution));
            return ExitCodes.Ok;
        });
        return command;
    }
}
