using System.CommandLine;
using Grader.Grading.Execution;

namespace Grader.Cli.Commands;

/// <summary>How submissions run: in a bubblewrap sandbox when present, else in a separate process with limits.</summary>
public static class RunnerOptions
{
    /// <summary>The three options that choose how submissions run, added to a command together.</summary>
    public sealed class Choice
    {
        private readonly Option<bool> _noBwrap = new("--no-bwrap")
        {
            Description = "do not use bubblewrap even when present (separate process with limits only)",
        };

        private readonly Option<bool> _freshProcess = new("--fresh-process")
        {
            Description = "start a new runner process for every submission (strongest isolation, about 100 ms more per submission)",
        };

        public bool FreshProcess(ParseResult r) => r.GetValue(_freshProcess);

        public bool NoBwrap(ParseResult r) => r.GetValue(_noBwrap);

        public void AddTo(Command command)
        {
            command.Options.Add(_noBwrap);
            command.Options.Add(_freshProcess);
        }

        /// <summary>
        /// For a batch the default is a pool of worker processes that prove themselves clean after every submission:
        /// as isolated from the grader as a process per submission, and much cheaper (tests/Grader.Benchmarks/README.md).
        /// For one submission (<paramref name="single"/>, the pre-check) a fresh process is quicker: no warm-up.
        /// </summary>
        public IExecutionRunner Create(ParseResult r, bool single = false) =>
            single || r.GetValue(_freshProcess) ? new ProcessRunner(useBubblewrap: !r.GetValue(_noBwrap))
            : new WorkerPoolRunner(useBubblewrap: !r.GetValue(_noBwrap));
    }

    public static string SandboxNote =>
        Bubblewrap.IsAvailable
            ? "Submissions run in a bubblewrap sandbox: worker processes (recycled after any fault) with no network and a read-only file system holding only the OS, .NET and the runner."
            : "bubblewrap (bwrap) is not available here: submissions run in separate worker processes with heap, time and output limits only; files and network are guarded by the static policy alone. Install the Debian package bubblewrap for the sandbox.";
}
