using Grader.Grading.Execution;
using Grader.Protocol;
using Grader.Runner;

namespace Grader.Tests.Grading;

/// <summary>Runners the tests share: one worker pool each with and without bubblewrap, so that workers are warmed once.</summary>
public static class TestRunners
{
    private static readonly Lazy<WorkerPoolRunner> BwrapPool = new(() => new WorkerPoolRunner(useBubblewrap: true));
    private static readonly Lazy<WorkerPoolRunner> PlainPool = new(() => new WorkerPoolRunner(useBubblewrap: false));

    public static WorkerPoolRunner Pool => BwrapPool.Value;

    public static WorkerPoolRunner PoolWithoutBubblewrap => PlainPool.Value;
}

/// <summary>
/// Compiles and runs a submission inside the test process, with the worker's own code (<see cref="SubmissionHost"/>):
/// for grading-rule tests on trusted snippets only. The grader has no such runner: it never compiles student text.
/// </summary>
public sealed class InProcessRunner : IExecutionRunner
{
    private static readonly Lock OneAtATime = new();

    public string Description => "in the test process (trusted snippets only)";

    public SandboxOutcome Run(RunRequest request, ExecutionLimits limits)
    {
        // The console is one per process: concurrent runs would capture each other's output.
        lock (OneAtATime)
        {
            // The test process's first compile is a cold one, on a machine shared with other tests: no compile limit here.
            var compiled = SubmissionHost.Compile(request, TimeSpan.FromMinutes(2), out _);
            var reply = SubmissionHost.Reply(compiled);
            return compiled.Assembly is null
                ? new SandboxOutcome(reply, null)
                : new SandboxOutcome(reply, SubmissionHost.Run(compiled, request, limits.TopLevel, out _));
        }
    }

    public void Dispose()
    {
    }
}
