using Grader.Protocol;

namespace Grader.Grading.Execution;

/// <summary>
/// Runs each submission in a fresh <c>Grader.Runner</c> process of its own: the strongest isolation (nothing
/// of an earlier student's run exists in the process) at the price of a process start and a cold compiler per
/// submission. Best for one submission (<c>check</c>); a batch uses <see cref="WorkerPoolRunner"/>.
/// Under bubblewrap (when <c>bwrap</c> works here) the process has no network, no other processes, and a
/// read-only file system with only the OS, the .NET runtime and the runner's folder.
/// </summary>
public sealed class ProcessRunner : IExecutionRunner
{
    private readonly bool _bubblewrap;

    public ProcessRunner(bool useBubblewrap = true)
    {
        WorkerProcess.EnsureRunner();
        _bubblewrap = useBubblewrap && Bubblewrap.IsAvailable;
    }

    public string Description => WorkerProcess.Description(_bubblewrap, "a fresh process per submission");

    public SandboxOutcome Run(RunRequest request, ExecutionLimits limits)
    {
        using var worker = WorkerProcess.Start(_bubblewrap, limits, serve: false);
        return worker.Exchange(request);
    }

    /// <summary>Holds no process between runs: nothing to release.</summary>
    public void Dispose()
    {
    }
}
