using System.CommandLine;
using Grader.Grading.Execution;

namespace Grader.Cli.Commands;

/// <summary>How submissions run: in a bubblewrap sandbox when present, else in a separate process with limits.</summary>
public static class RunnerOptions
{
    public static Option<bool> NoSandbox() => new("--no-bwrap")
    {
        Description = "do not use bubblewrap even when present (separate process with limits only)",
    };

    public static Option<bool> InProcess() => new("--in-process")
    {
        Description = "run submissions inside the grader (fast, no isolation: trusted code only)",
    };

    public static IExecutionRunner Create(bool inProcess, bool noBwrap) =>
        inProcess ? new InProcessRunner() : new ProcessRunner(useBubblewrap: !noBwrap);

    public static string SandboxNote =>
        Bubblewrap.IsAvailable
            ? "Submissions run in a bubblewrap sandbox: a separate process with no network and a read-only file system holding only the OS, .NET and the runner."
            : "bubblewrap (bwrap) is not available here: submissions run in a separate process with heap, time and output limits only; files and network are guarded by the static policy alone. Install the Debian package bubblewrap for the sandbox.";
}
