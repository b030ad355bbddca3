using System.CommandLine;
using Grader.Cli;
using Grader.Cli.Commands;

var root = new RootCommand("grader: grades deep-learning homework against a float64 reference engine.")
{
    SolveCommand.Create(),
    ValidateCommand.Create(),
    CheckCommand.Create(),
    GradeCommand.Create(),
    RenderCommand.Create(),
    MergeCommand.Create(),
};
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var e in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {e.Message}");
    }
    Console.Error.WriteLine("    hint: run with --help for the verbs and their arguments");
    return ExitCodes.UsageOrSpecError;
}
return parsed.Invoke();
