using Grader.Runtime;

namespace Grader.Grading.Execution;

/// <summary>Runs a compiled submission somewhere (this process, a child process, a sandbox) and reports what happened.</summary>
public interface IExecutionRunner : IDisposable
{
    /// <summary>How submissions run, as reports state it.</summary>
    string Description { get; }

    RunResult Run(RunRequest request, ExecutionLimits limits);
}
