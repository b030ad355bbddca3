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

    public static Option<bool> FreshProcess() => new("--fresh-process")
    {
        Description = "start a new runner process for every submission (strongest isolation, about 100 ms more per submission)",
    };

    public static Option<bool> InProcess() => new("--in-process")
    {
        Description = "run submissions inside the grader (fast, no isolation: trusted code only)",
    };

    /// <summary>
    /// The default is a pool of worker processes recycled after any fault: as isolated from the grader as a
    /// process per submission, and about nine times cheaper per submission (see the README's benchmarks).
    /// </summary>
    public static IExecutionRunner Create(bool inProcess, bool noBwrap, bool freshProcess) =>
        inProcess ? new InProcessRunner()
        : freshProcess ? new ProcessRunner(useBubblewrap: !noBwrap)
        : new WorkerPoolRunner(useBubblewrap: !noBwrap);

    public static string SandboxNote =>
        Bubblewrap.IsAvailable
            ? "Submissions run in a bubblewrap sandbox: worker processes (recycled after any fault) with no network and a read-only file system holding only the OS, .NET and the runner."
            : "bubblewrap (bwrap) is not available here: submissions run in separate worker processes with heap, time and output limits only; files and network are guarded by the static policy alone. Install the Debian package bubblewrap for the sandbox.";
}
