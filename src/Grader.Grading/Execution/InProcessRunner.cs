using Grader.Runtime;

namespace Grader.Grading.Execution;

/// <summary>
/// Runs submissions inside the grader's own process, each in a collectible load context. Fast, but a
/// submission that loops forever keeps a thread spinning and one that overflows its stack ends the grader:
/// for trusted code and tests only. Untrusted submissions go through <see cref="ProcessRunner"/>.
/// </summary>
public sealed class InProcessRunner : IExecutionRunner
{
    public string Description => "in-process (trusted code only: no isolation)";

    private static readonly Lock OneAtATime = new();

    public RunResult Run(RunRequest request, ExecutionLimits limits)
    {
        // The console is one per process: concurrent runs would capture each other's output.
        lock (OneAtATime)
        {
            return Executor.Run(request, limits.TopLevel);
        }
    }

    /// <summary>Holds no process between runs: nothing to release.</summary>
    public void Dispose()
    {
    }
}
