using System.CommandLine;
using Grader.Cli.Commands;
using Grader.Grading.Execution;

namespace Grader.Cli;

/// <summary>The command line itself, apart from the process: the warm check server runs it once per request.</summary>
public static class App
{
    /// <param name="shared">
    /// The check server's warm worker pools (by bubblewrap or not); null in an ordinary process, where each verb
    /// makes its own runner.
    /// </param>
    public static int Run(string[] args, TextWriter output, TextWriter error, Func<bool, IExecutionRunner>? shared = null)
    {
        var root = new RootCommand("grader: grades deep-learning homework against a float64 reference engine.")
        {
            SolveCommand.Create(),
            ValidateCommand.Create(),
            CheckCommand.Create(shared),
            GradeCommand.Create(),
            RenderCommand.Create(),
            MergeCommand.Create(),
            AssignCommand.Create(),
            CheckServer.Command(),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
            {
                error.WriteLine($"error: {e.Message}");
            }
            error.WriteLine("    hint: run with --help for the verbs and their arguments");
            return ExitCodes.UsageOrSpecError;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
