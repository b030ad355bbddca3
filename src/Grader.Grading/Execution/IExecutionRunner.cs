using Grader.Protocol;

namespace Grader.Grading.Execution;

/// <summary>
/// Hands a submission's text to a sandboxed worker process, which compiles and runs it, and returns what came
/// back: typed, bounded results. The grader's process never parses, compiles or runs a submission.
/// </summary>
public interface IExecutionRunner : IDisposable
{
    /// <summary>How submissions run, as reports state it.</summary>
    string Description { get; }

    SandboxOutcome Run(RunRequest request, ExecutionLimits limits);
}

/// <summary>What a worker did with a submission: how compiling went, and the run when it compiled.</summary>
public sealed record SandboxOutcome(CompileReply Compile, RunResult? Run);
