using System.CommandLine;
using Grader.Cli.Commands;
using Grader.Cli.Serving;

namespace Grader.Cli;

/// <summary>The command line itself, apart from the process: the warm check server runs it once per request.</summary>
public static class App
{
    /// <summary>Runs one command line with <paramref name="ctx"/>'s writers, folder and worker pools; returns the exit code.</summary>
    public static int Run(string[] args, CliContext ctx)
    {
        var root = new RootCommand("grader: grades deep-learning homework against a float64 reference engine.")
        {
            SolveCommand.Create(ctx),
            ValidateCommand.Create(ctx),
            CheckCommand.Create(ctx),
            GradeCommand.Create(ctx),
            RenderCommand.Create(ctx),
            MergeCommand.Create(ctx),
            AssignCommand.Create(ctx),
            CheckServer.Command(ctx),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
            {
                ctx.Error.WriteLine($"error: {e.Message}");
            }
            ctx.Error.WriteLine("    hint: run with --help for the verbs and their arguments");
            return ExitCodes.UsageOrSpecError;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = ctx.Output, Error = ctx.Error });
    }
}
