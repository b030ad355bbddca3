using System.CommandLine;
using Grader.Grading.Reports;
using Grader.Problems.Expressions;

namespace Grader.Cli.Commands;

public static class RenderCommand
{
    public static Command Create(CliContext ctx)
    {
        var spec = new Argument<string>("spec") { Description = "a problem spec (.yaml)" };
        var student = StudentOption.Create("print this student's own numbers (for a spec with per-student givens)");
        var command = new Command("render", "Print a student's handout in Markdown: the problem with their numbers, and what each part asks.") { spec, student };
        command.SetAction(r =>
        {
            var name = r.GetValue(student);
            if (StudentOption.Problem(name) is { } bad)
            {
                ctx.Error.WriteLine($"error: {bad}");
                return ExitCodes.UsageOrSpecError;
            }
            var (publicSpec, isPublic) = SpecFiles.LoadPublicOrReport(r.GetValue(spec)!, ctx.Error);
            if (isPublic)
            {
                if (publicSpec is null)
                {
                    return ExitCodes.UsageOrSpecError;
                }
                ctx.Output.Write(Handout.Write(publicSpec, name));
                return ExitCodes.Ok;
            }
            var loaded = SpecFiles.LoadOrReport(r.GetValue(spec)!, ctx.Error);
            if (loaded.Problem is not { } problem)
            {
                return ExitCodes.UsageOrSpecError;
            }
            try
            {
                ctx.Output.Write(Handout.Write(problem, name));
            }
            catch (ExprException ex)
            {
                ctx.Error.WriteLine(ex.ToSpecError());
                return ExitCodes.UsageOrSpecError;
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
